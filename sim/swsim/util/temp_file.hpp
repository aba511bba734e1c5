#pragma once
// Temporary files beside an output, named so that a later run can tell whose they are:
// `.NAME.tmp.PID` in the folder of NAME. A process killed by SIGKILL (or by a signal it cannot catch)
// leaves its temporary files behind; the next run that writes into the same folder removes those
// whose process no longer exists (docs/reliability.md).
#include <string>

namespace swsim {

// The temporary name for `path` owned by this process.
std::string temp_name_for(const std::string& path);

// Removes `.NAME.tmp.PID` files in `folder` whose process PID no longer runs and which hold an HDF5
// file, a swsim checkpoint or nothing (so another program's files are never touched). Returns how many.
int remove_stale_temp_files(const std::string& folder);

}  // namespace swsim
