# Packaging: install() rules for everything beside the binaries, and `cpack -G DEB`.
#
# The executables install themselves (daemon/CMakeLists.txt: dulyd -> sbin, duly -> bin). This
# file installs the systemd unit, sysusers and tmpfiles snippets, the configuration example as
# the conffile /etc/duly/dulyd.json, the JSON Schemas and OpenAPI document, and the docs, and
# configures CPack to build one Debian package named "duly":
#
#   cmake --build build/release && cd build/release && cpack -G DEB
#
# The package installs under /usr (CPACK_PACKAGING_INSTALL_PREFIX), so dulyd lands at
# /usr/sbin/dulyd, which is what systemd/dulyd.service starts.

set(_duly_systemd "${PROJECT_SOURCE_DIR}/systemd")

# Service files. Relative destinations sit under the install prefix (/usr in the package).
install(FILES "${_duly_systemd}/dulyd.service" DESTINATION lib/systemd/system)
install(FILES "${_duly_systemd}/duly.sysusers.conf" DESTINATION lib/sysusers.d RENAME duly.conf)
install(FILES "${_duly_systemd}/duly.tmpfiles.conf" DESTINATION lib/tmpfiles.d RENAME duly.conf)

# The configuration: a conffile (systemd/debian/conffiles), so dpkg keeps the operator's edits.
install(FILES "${_duly_systemd}/dulyd.example.json" DESTINATION /etc/duly RENAME dulyd.json)

# JSON Schemas and the OpenAPI document, also embedded in the binaries; installed for clients.
file(GLOB _duly_schema_files CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/schemas/*.json")
if(_duly_schema_files)
  install(FILES ${_duly_schema_files} DESTINATION share/duly/schemas)
endif()

# Documentation.
file(GLOB _duly_doc_files CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/docs/*.md")
install(FILES "${PROJECT_SOURCE_DIR}/README.md" ${_duly_doc_files}
              "${_duly_systemd}/dulyd.example.json"
        DESTINATION share/doc/duly)

# CPack: one Debian package.
set(DULY_PACKAGE_MAINTAINER "duly maintainers <maintainers@duly.invalid>"
    CACHE STRING "Maintainer field of the Debian package")

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "duly")
set(CPACK_PACKAGE_VENDOR "duly")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "${DULY_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "accounts-receivable collection daemon")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_PACKAGE_NAME "duly")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${DULY_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# The long description; CPack puts CPACK_PACKAGE_DESCRIPTION_SUMMARY before it as the synopsis
# and wraps the paragraphs.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "duly runs accounts-receivable collection: it keeps customers, invoices, payments and an \
append-only, hash-chained event history on SQLite or PostgreSQL, and serves them over a REST API.

This package holds the daemon dulyd (a hardened systemd service), the command-line tool duly, \
the JSON Schemas and OpenAPI document, and an example configuration in /etc/duly/dulyd.json.")
# Library dependencies come from dpkg-shlibdeps (package dpkg-dev); the rest are listed here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "tzdata")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "systemd")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${_duly_systemd}/debian/conffiles"
    "${_duly_systemd}/debian/postinst"
    "${_duly_systemd}/debian/prerm"
    "${_duly_systemd}/debian/postrm")

include(CPack)
