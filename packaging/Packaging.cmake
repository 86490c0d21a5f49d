# Install rules and CPack configuration for the Debian packages ena-webhooks-server and
# ena-webhooks-console (`cpack -G DEB` in the build directory). Included from the top-level
# CMakeLists.txt after the targets exist; the console package is only built with the console.
include(GNUInstallDirs)

set(ENA_PACKAGE_MAINTAINER "ENA Webhooks maintainers <webhooks@ena.io>"
    CACHE STRING "Maintainer field of the Debian packages and their changelog")
set(ENA_PACKAGING_DIR ${CMAKE_CURRENT_LIST_DIR})
set(ENA_PACKAGING_OUT ${CMAKE_BINARY_DIR}/packaging)
file(MAKE_DIRECTORY ${ENA_PACKAGING_OUT})

include(${ENA_PACKAGING_DIR}/ReleaseNotes.cmake)
ena_read_release_notes(${PROJECT_SOURCE_DIR}/CHANGELOG.md)

# --- man pages: help2man runs --help/--version of the built binaries, so flags and pages agree
find_program(ENA_HELP2MAN help2man)
function(ena_man_page target summary)
    if(NOT ENA_HELP2MAN)
        message(WARNING "help2man not found: no man page for ${target} (install help2man)")
        return()
    endif()
    set(page ${ENA_PACKAGING_OUT}/${target}.1)
    add_custom_command(OUTPUT ${page}.gz
        COMMAND ${CMAKE_COMMAND} -E env LC_ALL=C.UTF-8 LANGUAGE= QT_QPA_PLATFORM=offscreen
                SOURCE_DATE_EPOCH=${ENA_RELEASE_EPOCH}
                ${ENA_HELP2MAN} --no-info --section=1 --name=${summary}
                --include=${ENA_PACKAGING_DIR}/${target}.h2m --output=${page} $<TARGET_FILE:${target}>
        COMMAND gzip -9nf ${page}
        DEPENDS ${target} ${ENA_PACKAGING_DIR}/${target}.h2m
        COMMENT "help2man ${target}"
        VERBATIM)
    add_custom_target(${target}-man ALL DEPENDS ${page}.gz)
    install(FILES ${page}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT ${ARGN})
endfunction()

# copyright and changelog.Debian.gz in /usr/share/doc/<package>, as Debian policy wants, and
# the lintian overrides of a package that is not uploaded to the archive.
function(ena_package_docs package component)
    set(ENA_DEB_PACKAGE ${package})
    configure_file(${ENA_PACKAGING_DIR}/changelog.Debian.in ${ENA_PACKAGING_OUT}/${package}/changelog.Debian @ONLY)
    execute_process(COMMAND gzip -9nf ${ENA_PACKAGING_OUT}/${package}/changelog.Debian COMMAND_ERROR_IS_FATAL ANY)
    install(FILES ${ENA_PACKAGING_DIR}/copyright ${ENA_PACKAGING_OUT}/${package}/changelog.Debian.gz
            DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${package} COMPONENT ${component})
    install(FILES ${ENA_PACKAGING_DIR}/lintian-overrides DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/lintian/overrides
            RENAME ${package} COMPONENT ${component})
endfunction()

# --- server package
install(TARGETS ena-webhooks-server RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT server)
install(FILES ${ENA_PACKAGING_DIR}/ena-webhooks-server.service DESTINATION /lib/systemd/system COMPONENT server)
install(FILES ${ENA_PACKAGING_DIR}/server.conf DESTINATION /etc/ena-webhooks COMPONENT server)
ena_man_page(ena-webhooks-server "ENA Webhooks REST API and delivery engine" server)
ena_package_docs(ena-webhooks-server server)
set(CPACK_COMPONENTS_ALL server)

# --- console package
if(TARGET ena-webhooks-console)
    set(ENA_APP_ID io.ena.webhooks.console)
    install(TARGETS ena-webhooks-console RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT console)
    install(FILES ${ENA_PACKAGING_DIR}/${ENA_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT console)
    configure_file(${ENA_PACKAGING_DIR}/${ENA_APP_ID}.metainfo.xml ${ENA_PACKAGING_OUT}/${ENA_APP_ID}.metainfo.xml @ONLY)
    install(FILES ${ENA_PACKAGING_OUT}/${ENA_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo COMPONENT console)
    install(FILES ${PROJECT_SOURCE_DIR}/resources/console/icons/ena-webhooks.svg
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps RENAME ${ENA_APP_ID}.svg COMPONENT console)
    ena_man_page(ena-webhooks-console "ENA Webhooks desktop admin console" console)
    ena_package_docs(ena-webhooks-console console)
    list(APPEND CPACK_COMPONENTS_ALL console)
endif()

# --- CPack: one .deb per component
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ena-webhooks)
set(CPACK_PACKAGE_VENDOR ENA)
set(CPACK_PACKAGE_CONTACT ${ENA_PACKAGE_MAINTAINER})
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/packages)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
# Each component's description starts with its own synopsis line; CPackDeb would put the
# project summary in front unless the summary is CPack's default.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${ENA_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_STRIP_FILES ON)

set(CPACK_COMPONENT_SERVER_DISPLAY_NAME "ENA Webhooks server")
set(CPACK_DEBIAN_SERVER_PACKAGE_NAME ena-webhooks-server)
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
set(CPACK_COMPONENT_SERVER_DESCRIPTION "self-hosted webhooks for ENA Feedback (server)
ENA Webhooks delivers ENA Feedback events (survey responses, feedback
tickets, hygiene submissions) to subscribed HTTPS endpoints, signed with
Standard Webhooks signatures, retried for more than a day, and durably
queued in SQLite so that an accepted event survives a crash.

This package contains the REST API server and delivery engine, a hardened
systemd service and its configuration in /etc/ena-webhooks/server.conf.")
# Qt plugins are loaded at run time, so shlibdeps cannot see them.
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "libqt6sql6-sqlite")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    ${ENA_PACKAGING_DIR}/debian/conffiles
    ${ENA_PACKAGING_DIR}/debian/postinst
    ${ENA_PACKAGING_DIR}/debian/prerm
    ${ENA_PACKAGING_DIR}/debian/postrm)

set(CPACK_COMPONENT_CONSOLE_DISPLAY_NAME "ENA Webhooks console")
set(CPACK_DEBIAN_CONSOLE_PACKAGE_NAME ena-webhooks-console)
set(CPACK_DEBIAN_CONSOLE_PACKAGE_SECTION net)
# The console runs the server binary next to it for local use; it needs the Qt platform
# and SVG plugins (icons), and a Secret Service for the keychain (QtKeychain recommends one).
set(CPACK_COMPONENT_CONSOLE_DEPENDS server)
set(CPACK_DEBIAN_CONSOLE_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6")
set(CPACK_DEBIAN_CONSOLE_PACKAGE_RECOMMENDS "qt6-translations-l10n")
set(CPACK_COMPONENT_CONSOLE_DESCRIPTION "self-hosted webhooks for ENA Feedback (desktop console)
ENA Webhooks delivers ENA Feedback events to subscribed HTTPS endpoints,
signed and retried.

This package contains the desktop admin console: manage endpoints and
their secrets, search and replay the delivery history, send test events
and verify signatures, against a bundled local server or a remote one.")

include(CPack)

# CI check of the packages: build them, then lintian, desktop-file-validate, appstreamcli,
# systemd-analyze verify, and --version of the binaries extracted from the .deb files.
add_test(NAME check_packages
         COMMAND ${ENA_PACKAGING_DIR}/check-packages.sh ${CMAKE_BINARY_DIR} ${PROJECT_VERSION})
set_tests_properties(check_packages PROPERTIES LABELS packaging TIMEOUT 280)
