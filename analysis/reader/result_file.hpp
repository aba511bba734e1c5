#pragma once
// Reading swsim result files (HDF5, netCDF-4 layout; docs/hdf5-schema.md). Shared by swsim-analyze and
// swsim-viz: it knows the file schema, not the simulation's classes. Every failure (missing file, not
// HDF5, truncated, locked by a writer, not a swsim result, missing variable, a variable whose length
// does not match its dimension) throws ReadError with one line naming the file.
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace swsim::results {

class ReadError : public std::runtime_error {
 public:
  explicit ReadError(const std::string& what) : std::runtime_error(what) {}
};

class ResultFile {
 public:
  explicit ResultFile(const std::string& path);
  // Opens any HDF5 file (e.g. a sweep index, sweep.h5) without requiring the day/station/area
  // dimensions of a result file; days(), stations() and areas() are then 0 when absent.
  static ResultFile open_any(const std::string& path);
  ~ResultFile();
  ResultFile(ResultFile&&) noexcept;
  ResultFile& operator=(ResultFile&&) noexcept;

  const std::string& path() const { return path_; }
  int days() const { return days_; }
  int stations() const { return stations_; }
  int areas() const { return areas_; }

  bool has(const std::string& name) const;
  // Names of variables over (day, station), in file order.
  std::vector<std::string> station_day_variables() const;

  // Names of variables whose dimensions are exactly `dims` (by name), in file order.
  std::vector<std::string> variables_with_dims(const std::vector<std::string>& dims) const;

  // Ensembles (swsim run --replicates R): R >= 2 runs with different seeds in one file, on a
  // `replicate` dimension. replicates() is 1 for an ordinary single-run file.
  int replicates() const;
  // The seed of each replicate as decimal text (`replicate_seed`, stored as strings or integers), or
  // the run's `seed` attribute for a single run.
  std::vector<std::string> replicate_seeds() const;
  // The per-station daily metrics: variables over (replicate, day, station) in an ensemble file,
  // over (day, station) otherwise (ensemble statistics such as NAME_mean are not included then).
  std::vector<std::string> station_metrics() const;
  // A per-day variable for one replicate: (replicate, day) variables are sliced, (day) ones returned.
  std::vector<double> read_day_series(const std::string& name, int replicate = 0) const;
  std::vector<int> dims_of(const std::string& name) const;  // lengths
  std::vector<std::string> dim_names(const std::string& name) const;  // dimension names, from the attached scales

  // Numeric variable converted to double (day-major for (day, station)); checks the dimensions.
  std::vector<double> read(const std::string& name) const;
  std::vector<std::string> read_strings(const std::string& name) const;

  std::string text_attribute(const std::string& var, const std::string& attr) const;  // "" when absent
  std::string global_text(const std::string& attr) const;                            // "" when absent
  std::optional<double> global_number(const std::string& attr) const;                // numeric global attribute
  std::optional<double> number_attribute(const std::string& var, const std::string& attr) const;
  // Variables of a child group of the root (e.g. "indicators"), in file order; empty when absent.
  // Their attributes are read with the path "group/name".
  std::vector<std::string> group_variables(const std::string& group) const;
  // Throws ReadError naming the file and the variable unless `name` is a numeric per-station daily
  // metric over (day, station), or (replicate, day, station) in an ensemble: a missing or transposed
  // metric is an error, never read as zeros.
  void require_station_metric(const std::string& name) const;
  std::string units(const std::string& var) const { return text_attribute(var, "units"); }
  // The unit people read: `units_label` where the CF units cannot say it (money: units "1",
  // units_label "yuan"), else `units`.
  std::string unit_label(const std::string& var) const {
    const std::string label = text_attribute(var, "units_label");
    return label.empty() ? units(var) : label;
  }
  std::string long_name(const std::string& var) const { return text_attribute(var, "long_name"); }

 private:
  struct Unchecked {};
  ResultFile(const std::string& path, Unchecked);
  void open(const std::string& path);
  std::vector<std::string> root_datasets() const;
  void check_lengths() const;  // every variable's length along each dimension matches the dimension

  std::string path_;
  long long file_ = -1;  // hid_t
  int days_ = 0, stations_ = 0, areas_ = 0;
};

}  // namespace swsim::results
