#pragma once
// HDF5 keeps its error-reporting switch per thread (thread-safe builds): ResultFile silences HDF5's own
// error-stack printing on the thread that loads the library, so a thread that reads result files
// calls this first to keep failures to the one-line ReadError messages.
namespace swsim::results {

void silence_hdf5_errors_on_this_thread();

}  // namespace swsim::results
