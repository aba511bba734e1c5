#pragma once
// A small writer of HDF5 files that netCDF-4 readers (xarray with h5netcdf, ncdump) open as netCDF:
// dimensions are 1-D coordinate datasets made dimension scales and attached to every variable that
// uses them; link and attribute creation order are tracked so variables keep their order; CF attributes
// (units, long_name) on every variable; numeric variables are chunked and compressed (shuffle + deflate).
// It knows nothing of the simulation: the result writer (result_writer.hpp) decides what goes in.
//
// Usage: create, add global attributes, add dimensions (each with its coordinate values), add
// variables over those dimensions, then close(). Dimensions and variables go to the root group, or with
// `group` to a child group of the root (created on first use); a variable in a group uses the group's
// own dimensions first and the root's otherwise (netCDF-4's scoping: a dimension is visible in the
// group that defines it and below). Any HDF5 failure throws swsim::RuntimeError naming
// the file and the object.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace swsim::io {

// Extra attributes for a variable or dimension, beyond units and long_name.
struct Attribute {
  std::string name;
  // Exactly one of these is used, chosen by `kind`.
  enum class Kind { kText, kInt, kDouble, kIntList } kind = Kind::kText;
  std::string text;
  std::int64_t integer = 0;
  double real = 0;
  std::vector<std::int64_t> ints;  // stored as int8 when the variable is int8 (CF flag_values), else int32

  static Attribute Text(std::string n, std::string v) { return {std::move(n), Kind::kText, std::move(v), 0, 0, {}}; }
  static Attribute Int(std::string n, std::int64_t v) { return {std::move(n), Kind::kInt, {}, v, 0, {}}; }
  static Attribute Real(std::string n, double v) { return {std::move(n), Kind::kDouble, {}, 0, v, {}}; }
  static Attribute IntList(std::string n, std::vector<std::int64_t> v) {
    return {std::move(n), Kind::kIntList, {}, 0, 0, std::move(v)};
  }
};

struct VarInfo {
  std::string units;      // UDUNITS string; "1" for counts and fractions; empty for text
  std::string long_name;  // human description
  std::vector<Attribute> extra;
};

class NcWriter {
 public:
  // Creates (truncates) the file at `path`.
  explicit NcWriter(const std::string& path);
  ~NcWriter();  // closes if still open; never throws
  NcWriter(const NcWriter&) = delete;
  NcWriter& operator=(const NcWriter&) = delete;

  void global_attribute(const std::string& name, const std::string& value);
  void global_attribute(const std::string& name, std::int64_t value);
  void global_attribute(const std::string& name, double value);

  // A dimension with its coordinate variable (same name).
  void dimension(const std::string& name, const std::vector<std::int32_t>& values, const VarInfo& info,
                 const std::string& group = {});
  void dimension(const std::string& name, const std::vector<double>& values, const VarInfo& info,
                 const std::string& group = {});

  // Variables over previously declared dimensions; data in C order, size = product of dim lengths.
  void variable(const std::string& name, const std::vector<std::string>& dims, const std::vector<std::int32_t>& data,
                const VarInfo& info, const std::string& group = {});
  void variable(const std::string& name, const std::vector<std::string>& dims, const std::vector<std::int16_t>& data,
                const VarInfo& info, const std::string& group = {});
  void variable(const std::string& name, const std::vector<std::string>& dims, const std::vector<std::int8_t>& data,
                const VarInfo& info, const std::string& group = {});
  void variable(const std::string& name, const std::vector<std::string>& dims, const std::vector<float>& data,
                const VarInfo& info, const std::string& group = {});
  void variable(const std::string& name, const std::vector<std::string>& dims, const std::vector<double>& data,
                const VarInfo& info, const std::string& group = {});
  void variable(const std::string& name, const std::vector<std::string>& dims, std::span<const double> data,
                const VarInfo& info, const std::string& group = {});
  // Variable-length UTF-8 strings (netCDF NC_STRING).
  void variable(const std::string& name, const std::vector<std::string>& dims,
                const std::vector<std::string>& data, const VarInfo& info, const std::string& group = {});

  // A numeric variable (int32 when `integer`, else float64) created now and filled later, piece by piece,
  // with write_block (data that arrive over time, like an ensemble's replicates). `chunk` gives the chunk
  // shape (one extent per dimension; empty = as variable() would choose). Its attributes and dimensions
  // are written now, so it takes its place in the variable order like any other.
  void declare(const std::string& name, const std::vector<std::string>& dims, bool integer, const VarInfo& info,
               const std::string& group = {}, const std::vector<std::uint64_t>& chunk = {});
  // Writes `data` (C order, size = product of `count`) into the box [start, start + count) of a declared
  // variable; an int32 variable gets each value truncated toward zero, as variable() does. read_block
  // reads such a box back (as float64).
  void write_block(const std::string& name, const std::string& group, const std::vector<std::uint64_t>& start,
                   const std::vector<std::uint64_t>& count, std::span<const double> data);
  void read_block(const std::string& name, const std::string& group, const std::vector<std::uint64_t>& start,
                  const std::vector<std::uint64_t>& count, std::vector<double>& data);

  // A scalar int8 container variable (value 0) in a child group of the root, carrying only attributes
  // (CF's pattern for metadata records, like grid mappings); the group is created on first use. Groups
  // keep the root's variable list short; xarray opens them with `group=`.
  void container(const std::string& group, const std::string& name, const VarInfo& info);

  // Flushes and closes; throws on failure. Further calls are errors.
  void close();

  const std::string& path() const { return path_; }

 private:
  template <class T>
  void dimension_impl(const std::string& name, const std::vector<T>& values, const VarInfo& info,
                      const std::string& group);
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string path_;
};

}  // namespace swsim::io
