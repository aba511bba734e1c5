# Debian packages with CPack: `cpack -G DEB` in the build folder writes
#   swsim_<version>_<arch>.deb      the programs, scenarios, report script, examples, docs, man pages,
#                                   bash completions (component Runtime)
#   swsim-dev_<version>_<arch>.deb  headers, libswsim_core.a and the CMake package (component Development)
# `apt install ./swsim_*.deb` on Debian 12 pulls in the run-time libraries. The shared-library
# dependencies are computed from the binaries by dpkg-shlibdeps (libtbb12, libhdf5-103-1,
# libhdf5-hl-100, libboost-program-options1.74.0, libglfw3, libgl1, libc6, libstdc++6, ...); the
# Python modules of the report and the Chinese font of the viewer are listed by hand.
set(CPACK_PACKAGE_NAME swsim)
set(CPACK_PACKAGE_VENDOR "swsim developers")
set(CPACK_PACKAGE_CONTACT "swsim developers <swsim@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "agent-based simulation of social work stations in Jinan's summer heat (济南社工站高温情景模拟)")
set(CPACK_PACKAGE_DESCRIPTION
  "swsim simulates Jinan's 161 street/town social work stations (社工站) through a summer: lunch\n\
delivery to homebound elders, visits, medicine and escorts, heat illness, volunteers and staffing.\n\
Planners ask what-if questions (heat waves, staffing, policies); results are HDF5/netCDF-4 files.\n\
Programs: swsim (simulation), swsim-analyze (summaries, comparisons, reports), swsim-viz (viewer).")
set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Install with DESTDIR and the prefix /usr, so the man pages name /usr/share/swsim (not cpack's staging).
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL Runtime Development)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME swsim)
# CPack puts CPACK_PACKAGE_DESCRIPTION_SUMMARY on the first line of both packages' descriptions.
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
set(swsim_deb_depends "python3, python3-numpy, python3-xarray, python3-matplotlib, python3-h5py"
  "python3-netcdf4 | python3-h5netcdf")
if(TARGET swsim-viz)
  # The viewer draws the stations' Chinese names with WenQuanYi Micro Hei (falls back to pinyin).
  # GLFW opens its GL context through libGL.so.1 (libgl1).
  list(APPEND swsim_deb_depends fonts-wqy-microhei libgl1)
endif()
string(REPLACE ";" ", " swsim_deb_depends "${swsim_deb_depends}")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS "${swsim_deb_depends}")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_RECOMMENDS "bash-completion, netcdf-bin, hdf5-tools")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SUGGESTS "openmpi-bin")

set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME swsim-dev)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS
  "libtbb-dev, libhdf5-dev, libboost-program-options-dev, librandom123-dev, cmake")
set(CPACK_DEBIAN_DEVELOPMENT_DESCRIPTION
  "The simulation library of swsim (scenario -> world -> simulation -> HDF5 results) for other C++\n\
programs: headers, libswsim_core.a and the CMake package (find_package(swsim) -> swsim::core).")

include(CPack)
