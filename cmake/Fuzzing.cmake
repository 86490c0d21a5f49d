# With ENA_ENABLE_FUZZING (clang only) every target of ours is built with libFuzzer coverage
# and AddressSanitizer; tests/fuzz then links its targets with libFuzzer's main. Without it the
# same fuzz targets are linked with a plain replay main so the default suite checks the corpus.
if(ENA_ENABLE_FUZZING)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "ENA_ENABLE_FUZZING needs clang (scripts/fuzz.sh configures it)")
    endif()
    add_compile_options(-fsanitize=fuzzer-no-link,address -fno-omit-frame-pointer)
    add_link_options(-fsanitize=address)
endif()
