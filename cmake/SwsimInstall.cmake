# Installation (GNUInstallDirs), man pages, the exported CMake package and the Debian package (CPack).
#
# Components:
#   Runtime      bin/swsim, bin/swsim-viz, bin/swsim-analyze; share/swsim (scenarios, the report script,
#                the Python examples); share/doc/swsim; share/man/man1; bash completions  -> package swsim
#   Development  include/swsim, the static library libswsim_core.a and lib/cmake/swsim (swsim::core)
#                                                                                        -> package swsim-dev
# The programs are installed from their own CMakeLists.txt (sim/, analysis/, viz/).
include(CMakePackageConfigHelpers)

set(SWSIM_DATADIR ${CMAKE_INSTALL_DATADIR}/swsim)
set(SWSIM_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/swsim)

# ---- data and documentation -------------------------------------------------------------------------
install(DIRECTORY ${PROJECT_SOURCE_DIR}/scenarios/ DESTINATION ${SWSIM_DATADIR}/scenarios COMPONENT Runtime
  FILES_MATCHING PATTERN "*.ini" PATTERN "*.csv" PATTERN "*.geojson")
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT Runtime)
# The machine-readable debian/copyright file: Debian policy wants it as /usr/share/doc/PACKAGE/copyright in
# every binary package (here share/doc/swsim and share/doc/swsim-dev, as regular files).
install(FILES ${PROJECT_SOURCE_DIR}/packaging/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT Runtime)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/copyright DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/swsim-dev
  COMPONENT Development)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs COMPONENT Runtime
  FILES_MATCHING PATTERN "*.md" PATTERN "*.png")
if(EXISTS ${PROJECT_SOURCE_DIR}/viz/README.md)
  install(FILES ${PROJECT_SOURCE_DIR}/viz/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR}/viz COMPONENT Runtime)
endif()
set(SWSIM_PROGRAMS swsim swsim-analyze)
if(TARGET swsim-viz)
  list(APPEND SWSIM_PROGRAMS swsim-viz)
endif()
foreach(prog ${SWSIM_PROGRAMS})
  install(FILES ${PROJECT_SOURCE_DIR}/packaging/bash-completion/${prog}
          DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT Runtime)
endforeach()

# ---- man pages, generated from --help and --version at build time (help2man) -------------------------
# packaging/man/PROGRAM.h2m adds the sections --help does not have (examples, files, see also). The
# installed files it names are written with the placeholder @SWSIM_PREFIX@, replaced by the real prefix
# when the pages are installed (cmake --install --prefix P, or /usr in the .deb: CPACK_SET_DESTDIR).
find_program(SWSIM_HELP2MAN help2man)
option(SWSIM_MAN_PAGES "Generate man pages with help2man" ON)
if(SWSIM_MAN_PAGES AND SWSIM_HELP2MAN)
  set(man_dir ${PROJECT_BINARY_DIR}/man)
  file(MAKE_DIRECTORY ${man_dir})
  set(man_pages)
  set(swsim_man_name "agent-based simulation of social work stations in Jinan's summer heat")
  set(swsim-analyze_man_name "summaries, comparisons and what-if reports of swsim result files")
  set(swsim-viz_man_name "desktop visualizer of swsim result files")
  set(SWSIM_FULL_DATADIR "@SWSIM_PREFIX@/${CMAKE_INSTALL_DATADIR}/swsim")
  set(SWSIM_FULL_DOCDIR "@SWSIM_PREFIX@/${CMAKE_INSTALL_DOCDIR}")
  foreach(prog ${SWSIM_PROGRAMS})
    set(include ${man_dir}/${prog}.h2m)
    configure_file(${PROJECT_SOURCE_DIR}/packaging/man/${prog}.h2m ${include} @ONLY)
    add_custom_command(OUTPUT ${man_dir}/${prog}.1
      COMMAND ${CMAKE_COMMAND} -E env LC_ALL=C.UTF-8 ${SWSIM_HELP2MAN} --no-info --no-discard-stderr --locale=C.UTF-8
              --section=1 "--name=${${prog}_man_name}" --include=${include}
              --output=${man_dir}/${prog}.1 $<TARGET_FILE:${prog}>
      DEPENDS ${prog} ${include}
      COMMENT "Man page ${prog}.1 from ${prog} --help"
      VERBATIM)
    list(APPEND man_pages ${man_dir}/${prog}.1)
  endforeach()
  add_custom_target(swsim_man_pages ALL DEPENDS ${man_pages})
  install(CODE "set(_swsim_man_pages \"${man_pages}\")\nset(_swsim_mandir \"${CMAKE_INSTALL_MANDIR}\")"
    COMPONENT Runtime)
  install(CODE [[
    foreach(_page IN LISTS _swsim_man_pages)
      get_filename_component(_name "${_page}" NAME)
      set(_dest "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}/${_swsim_mandir}/man1/${_name}")
      message(STATUS "Installing: ${_dest}")
      file(READ "${_page}" _text)
      string(REPLACE "@SWSIM_PREFIX@" "${CMAKE_INSTALL_PREFIX}" _text "${_text}")
      file(WRITE "${_dest}" "${_text}")
      list(APPEND CMAKE_INSTALL_MANIFEST_FILES "${_dest}")
    endforeach()
  ]] COMPONENT Runtime)
elseif(SWSIM_MAN_PAGES)
  message(STATUS "help2man not found: no man pages (apt-get install help2man, or -DSWSIM_MAN_PAGES=OFF)")
endif()

# ---- the CMake package: find_package(swsim) -> swsim::core --------------------------------------------
set_target_properties(swsim_core PROPERTIES EXPORT_NAME core)
install(TARGETS swsim_core swsim_json swsim_hdf5 EXPORT swsimTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT Development
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/sim/swsim/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/swsim
  COMPONENT Development FILES_MATCHING PATTERN "*.hpp")
install(EXPORT swsimTargets NAMESPACE swsim:: DESTINATION ${SWSIM_CMAKEDIR} COMPONENT Development)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/swsimConfig.cmake.in
  ${PROJECT_BINARY_DIR}/swsimConfig.cmake INSTALL_DESTINATION ${SWSIM_CMAKEDIR})
# 0.x: a minor version may change the library's interface.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/swsimConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/swsimConfig.cmake ${PROJECT_BINARY_DIR}/swsimConfigVersion.cmake
  DESTINATION ${SWSIM_CMAKEDIR} COMPONENT Development)

# ---- the Debian package (cpack -G DEB in the build folder) ------------------------------------------
include(cmake/SwsimPackage.cmake)
