#pragma once
// Error types shared by every layer. An InputError is the user's to fix (bad scenario, bad flag,
// missing file): the command line prints its one-line message and exits with code 2. A RuntimeError is
// a failure while doing the work (HDF5 write failed, disk full): exit code 1.
#include <stdexcept>
#include <string>

namespace swsim {

class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& what) : std::runtime_error(what) {}
};

class RuntimeError : public std::runtime_error {
 public:
  explicit RuntimeError(const std::string& what) : std::runtime_error(what) {}
};

// A run stopped by SIGINT/SIGTERM between two days; the command line exits 130 or 143.
class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted") {}
};

}  // namespace swsim
