# One INTERFACE target carries the options every target of ours compiles with.
add_library(ena_compile_options INTERFACE)
target_compile_options(ena_compile_options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
    $<$<BOOL:${ENA_WERROR}>:-Werror>)
target_compile_definitions(ena_compile_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH)
target_include_directories(ena_compile_options INTERFACE ${CMAKE_BINARY_DIR}/generated)

# Debian's hardening set (what `dpkg-buildflags` gives), which Debian's gcc does not turn on by
# itself: the server faces the network, and lintian checks the packages for it.
if(ENA_HARDENING)
    set(CMAKE_POSITION_INDEPENDENT_CODE ON)
    include(CheckPIESupported)
    check_pie_supported()
    target_compile_options(ena_compile_options INTERFACE -fstack-protector-strong -fstack-clash-protection
        -Wformat -Werror=format-security)
    # _FORTIFY_SOURCE needs the optimizer; a Debug build would only warn about it.
    target_compile_definitions(ena_compile_options INTERFACE $<$<NOT:$<CONFIG:Debug>>:_FORTIFY_SOURCE=2>)
    target_link_options(ena_compile_options INTERFACE -Wl,-z,relro -Wl,-z,now)
endif()

# ENA_SANITIZE=address,undefined builds every target of ours with those sanitizers (a developer
# run of the suite; not CI's default build).
if(ENA_SANITIZE)
    target_compile_options(ena_compile_options INTERFACE -fsanitize=${ENA_SANITIZE} -fno-omit-frame-pointer
        -fno-sanitize-recover=undefined)
    target_link_options(ena_compile_options INTERFACE -fsanitize=${ENA_SANITIZE})
endif()
