# Serial HDF5 with its high-level library (dimension scales), as the INTERFACE target swsim_hdf5
# (exported as swsim::hdf5). With an MPI flavour installed as well (Debian: libhdf5-openmpi-dev brings
# h5pcc), a plain lookup may pick the parallel build: ask for the serial one first (h5cc) and refuse a
# parallel one. Point at another serial HDF5 with -DHDF5_C_COMPILER_EXECUTABLE=/path/to/h5cc.
# tests/install/hdf5_parallel checks the refusal with a stand-in parallel h5pcc.
set(HDF5_PREFER_PARALLEL OFF)
find_package(HDF5 REQUIRED COMPONENTS C HL)
if(HDF5_IS_PARALLEL)
  message(FATAL_ERROR "swsim needs the serial HDF5 library, but the one found is built with MPI "
    "(${HDF5_C_COMPILER_EXECUTABLE}, headers in ${HDF5_INCLUDE_DIRS}). Install libhdf5-dev and point CMake at its "
    "serial build, e.g. -DHDF5_C_COMPILER_EXECUTABLE=/usr/bin/h5cc (Debian: the serial library is in "
    "/usr/lib/<arch>/hdf5/serial).")
endif()
add_library(swsim_hdf5 INTERFACE)
set_target_properties(swsim_hdf5 PROPERTIES EXPORT_NAME hdf5)
# zlib: the writer compresses chunks itself, in parallel, exactly as HDF5's deflate filter would.
find_package(ZLIB REQUIRED)
target_link_libraries(swsim_hdf5 INTERFACE hdf5::hdf5 hdf5::hdf5_hl ZLIB::ZLIB)
