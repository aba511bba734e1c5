// Hashes of results for the bit-identity check of swsim-bench (docs/performance.md, "Method"):
// a 64-bit FNV-1a hash of in-memory Results, and of every dataset and attribute of an HDF5 result file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "swsim/simulation/results.hpp"

namespace swsim::bench {

// 64-bit FNV-1a, enough to tell two result sets apart.
struct Hasher {
  std::uint64_t h = 1469598103934665603ull;
  void bytes(const void* p, std::size_t n);
  void text(const std::string& s);  // length, then the characters
};

// The hash as 16 hexadecimal digits.
std::string hex(std::uint64_t h);

// Hash of the Results arrays (days x stations, every metric).
std::uint64_t hash_results(const Results& r);

// Hash of an HDF5 result file: every dataset's values and every attribute's value, by path and name, in
// name order; skipped: the `command_line`, `history` and `date_created` attributes (the command names
// the thread count; the time of writing differs) and object references (DIMENSION_LIST, REFERENCE_LIST:
// file addresses, not results). Also sums `station_elders`.
struct H5Digest {
  Hasher hs;
  std::int64_t elders = 0;  // elders simulated (sum of /station_elders)
  bool ok = true;
};

// Nothing when the file cannot be opened or an object in it cannot be read.
std::optional<H5Digest> hash_h5_file(const std::string& path);

// Switches off HDF5's own error printing: read errors are reported by the benchmark itself.
void quiet_hdf5_errors();

}  // namespace swsim::bench
