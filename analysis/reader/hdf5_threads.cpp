#include "reader/hdf5_threads.hpp"

#include <hdf5.h>

namespace swsim::results {

void silence_hdf5_errors_on_this_thread() {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

}  // namespace swsim::results
