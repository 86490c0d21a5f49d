# Fails when the German translation misses a string of the console or leaves one unfinished.
# Runs lupdate over the current sources into a copy of the .ts: a string that is new in the
# sources arrives there as "unfinished", so it is caught even before anyone ran lupdate.
#   cmake -DLUPDATE=<lupdate> -DTS_FILE=<.ts> -DWORK_DIR=<dir> -DSOURCE_DIRS=<dir>,<dir> -P CheckTranslations.cmake
foreach(var LUPDATE TS_FILE WORK_DIR SOURCE_DIRS)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "CheckTranslations: ${var} is not set")
    endif()
endforeach()

string(REPLACE "," ";" SOURCE_DIRS "${SOURCE_DIRS}")
get_filename_component(ts_name "${TS_FILE}" NAME)
set(copy "${WORK_DIR}/${ts_name}")
file(MAKE_DIRECTORY "${WORK_DIR}")
configure_file("${TS_FILE}" "${copy}" COPYONLY)
execute_process(
    COMMAND "${LUPDATE}" -silent -no-obsolete -locations none ${SOURCE_DIRS} -ts "${copy}"
    RESULT_VARIABLE result
    ERROR_VARIABLE errors)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "CheckTranslations: lupdate failed: ${errors}")
endif()

file(STRINGS "${copy}" lines)
set(missing "")
set(source "")
foreach(line IN LISTS lines)
    if(line MATCHES "<source>(.*)</source>")
        set(source "${CMAKE_MATCH_1}")
    elseif(line MATCHES "type=\"unfinished\"")
        string(APPEND missing "\n  ${source}")
    endif()
endforeach()
if(NOT missing STREQUAL "")
    message(FATAL_ERROR "${ts_name} lacks a German text for:${missing}\n"
        "Run: cmake --build <build> --target webhooks_ui_lupdate, translate the new entries in "
        "translations/${ts_name}, and build again.")
endif()
message(STATUS "${ts_name}: every console string is translated")
