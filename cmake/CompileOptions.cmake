# One INTERFACE target carries the options every target of ours compiles with.
add_library(ena_compile_options INTERFACE)
target_compile_options(ena_compile_options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    $<$<BOOL:${ENA_WERROR}>:-Werror>)
target_compile_definitions(ena_compile_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH)
target_include_directories(ena_compile_options INTERFACE ${CMAKE_BINARY_DIR}/generated)
