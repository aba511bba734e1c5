#include "reader/result_file.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <map>

namespace swsim::results {
namespace {

// Silences HDF5's own error-stack printing: failures become one-line ReadErrors instead.
struct QuietHdf5 {
  QuietHdf5() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }
};
const QuietHdf5 quiet_hdf5;

struct Handle {
  hid_t id;
  herr_t (*close)(hid_t);
  Handle(hid_t i, herr_t (*c)(hid_t)) : id(i), close(c) {}
  ~Handle() {
    if (id >= 0) close(id);
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
};

int dim_length(hid_t file, const char* name, const std::string& path) {
  if (H5Lexists(file, name, H5P_DEFAULT) <= 0)
    throw ReadError(path + ": not a swsim result file (no '" + name + "' dimension)");
  Handle ds(H5Dopen2(file, name, H5P_DEFAULT), H5Dclose);
  if (ds.id < 0) throw ReadError(path + ": cannot open dimension '" + std::string(name) + "' (file damaged?)");
  Handle sp(H5Dget_space(ds.id), H5Sclose);
  hsize_t n = 0;
  if (H5Sget_simple_extent_ndims(sp.id) != 1 || H5Sget_simple_extent_dims(sp.id, &n, nullptr) < 0)
    throw ReadError(path + ": dimension '" + std::string(name) + "' is not one-dimensional");
  return static_cast<int>(n);
}

std::optional<double> read_number_attr(hid_t obj, const char* attr_name) {
  const std::string attr(attr_name);
  if (H5Aexists(obj, attr.c_str()) <= 0) return std::nullopt;
  Handle a(H5Aopen(obj, attr.c_str(), H5P_DEFAULT), H5Aclose);
  Handle t(H5Aget_type(a.id), H5Tclose);
  const H5T_class_t cls = H5Tget_class(t.id);
  if (cls != H5T_INTEGER && cls != H5T_FLOAT) return std::nullopt;
  Handle sp(H5Aget_space(a.id), H5Sclose);
  if (H5Sget_simple_extent_npoints(sp.id) != 1) return std::nullopt;
  double v = 0;
  if (H5Aread(a.id, H5T_NATIVE_DOUBLE, &v) < 0) return std::nullopt;
  return v;
}


std::string read_text_attr(hid_t obj, const char* attr) {
  if (H5Aexists(obj, attr) <= 0) return {};
  Handle a(H5Aopen(obj, attr, H5P_DEFAULT), H5Aclose);
  Handle t(H5Aget_type(a.id), H5Tclose);
  if (H5Tget_class(t.id) != H5T_STRING) return {};
  if (H5Tis_variable_str(t.id) > 0) {
    Handle mt(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(mt.id, H5T_VARIABLE);
    H5Tset_cset(mt.id, H5Tget_cset(t.id));
    char* s = nullptr;
    if (H5Aread(a.id, mt.id, &s) < 0 || !s) return {};
    std::string out(s);
    H5free_memory(s);
    return out;
  }
  const size_t n = H5Tget_size(t.id);
  std::string out(n, '\0');
  Handle mt(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_size(mt.id, n);
  H5Tset_cset(mt.id, H5Tget_cset(t.id));
  if (H5Aread(a.id, mt.id, out.data()) < 0) return {};
  out.resize(out.find('\0') == std::string::npos ? n : out.find('\0'));
  return out;
}

// The links of a group in creation order. Iterated in the native order of an index, then sorted here:
// asking HDF5 1.10 for a sorted order makes it build and release a table of the links, and on a
// damaged file (a bit flip in the dense link storage, found by the results fuzz corpus) that release
// frees garbage pointers inside the library. Native iteration walks the index and fails cleanly.
std::vector<std::string> links_in_creation_order(hid_t group) {
  std::vector<std::pair<long long, std::string>> links;
  auto collect = [](hid_t, const char* name, const H5L_info_t* info, void* data) -> herr_t {
    const long long order = info && info->corder_valid ? static_cast<long long>(info->corder) : -1;
    static_cast<std::vector<std::pair<long long, std::string>>*>(data)->emplace_back(order, name);
    return 0;
  };
  if (H5Literate(group, H5_INDEX_CRT_ORDER, H5_ITER_NATIVE, nullptr, collect, &links) < 0) {
    links.clear();  // no creation-order index (another writer): names
    if (H5Literate(group, H5_INDEX_NAME, H5_ITER_NATIVE, nullptr, collect, &links) < 0) return {};
  }
  const bool ordered = std::all_of(links.begin(), links.end(), [](const auto& l) { return l.first >= 0; });
  std::stable_sort(links.begin(), links.end(),
                   [&](const auto& x, const auto& y) { return ordered ? x.first < y.first : x.second < y.second; });
  std::vector<std::string> out;
  for (auto& l : links) out.push_back(std::move(l.second));
  return out;
}

}  // namespace

void ResultFile::open(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw ReadError(path + ": file not found");
  if (std::filesystem::is_directory(path, ec)) throw ReadError(path + ": is a directory, not a result file");
  const htri_t is_h5 = H5Fis_hdf5(path.c_str());
  if (is_h5 <= 0) throw ReadError(path + ": not an HDF5 file (or unreadable)");
  file_ = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file_ < 0) {
    // HDF5 locks files with flock (a writer holds it exclusively): tell that apart from damage.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    bool locked = false;
    if (fd >= 0) {
      locked = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
      ::close(fd);
    }
    if (locked)
      throw ReadError(path + ": the file is locked by another program writing it (wait until it has finished, or "
                             "close it there)");
    throw ReadError(path + ": cannot open: the HDF5 file is truncated or damaged");
  }
}

ResultFile::ResultFile(const std::string& path, Unchecked) : path_(path) {
  open(path);
  auto length = [&](const char* name) {
    return H5Lexists(file_, name, H5P_DEFAULT) > 0 ? dim_length(file_, name, path_) : 0;
  };
  try {
    days_ = length("day");
    stations_ = length("station");
    areas_ = length("area");
  } catch (...) {
    H5Fclose(file_);
    file_ = -1;
    throw;
  }
}

ResultFile ResultFile::open_any(const std::string& path) { return ResultFile(path, Unchecked{}); }

ResultFile::ResultFile(const std::string& path) : path_(path) {
  open(path);
  try {
    days_ = dim_length(file_, "day", path_);
    stations_ = dim_length(file_, "station", path_);
    areas_ = dim_length(file_, "area", path_);
    check_lengths();
  } catch (...) {
    H5Fclose(file_);
    file_ = -1;
    throw;
  }
}

ResultFile::~ResultFile() {
  if (file_ >= 0) H5Fclose(file_);
}

ResultFile::ResultFile(ResultFile&& o) noexcept
    : path_(std::move(o.path_)), file_(o.file_), days_(o.days_), stations_(o.stations_), areas_(o.areas_) {
  o.file_ = -1;
}

ResultFile& ResultFile::operator=(ResultFile&& o) noexcept {
  if (this != &o) {
    if (file_ >= 0) H5Fclose(file_);
    path_ = std::move(o.path_);
    file_ = o.file_;
    days_ = o.days_;
    stations_ = o.stations_;
    areas_ = o.areas_;
    o.file_ = -1;
  }
  return *this;
}

bool ResultFile::has(const std::string& name) const {
  return H5Lexists(file_, name.c_str(), H5P_DEFAULT) > 0;
}

std::vector<int> ResultFile::dims_of(const std::string& name) const {
  if (!has(name)) throw ReadError(path_ + ": no variable '" + name + "'");
  Handle ds(H5Dopen2(file_, name.c_str(), H5P_DEFAULT), H5Dclose);
  if (ds.id < 0) throw ReadError(path_ + ": cannot open variable '" + name + "' (file damaged?)");
  Handle sp(H5Dget_space(ds.id), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(sp.id);
  if (rank < 0) throw ReadError(path_ + ": variable '" + name + "' has an unreadable shape");
  std::vector<hsize_t> d(static_cast<std::size_t>(rank));
  H5Sget_simple_extent_dims(sp.id, d.data(), nullptr);
  return std::vector<int>(d.begin(), d.end());
}

std::vector<std::string> ResultFile::dim_names(const std::string& name) const {
  const auto shape = dims_of(name);
  Handle ds(H5Dopen2(file_, name.c_str(), H5P_DEFAULT), H5Dclose);
  std::vector<std::string> out;
  for (unsigned axis = 0; axis < shape.size(); ++axis) {
    std::string found;
    H5DSiterate_scales(
        ds.id, axis, nullptr,
        [](hid_t, unsigned, hid_t scale, void* data) -> herr_t {
          char buf[256] = {0};
          if (H5DSget_scale_name(scale, buf, sizeof buf) > 0) *static_cast<std::string*>(data) = buf;
          return 1;  // the first scale is the dimension
        },
        &found);
    if (found.empty() && H5DSis_scale(ds.id) > 0 && shape.size() == 1) found = name;  // a coordinate itself
    out.push_back(found);
  }
  return out;
}

std::vector<std::string> ResultFile::station_day_variables() const { return variables_with_dims({"day", "station"}); }

std::vector<std::string> ResultFile::variables_with_dims(const std::vector<std::string>& dims) const {
  const std::vector<std::string> names = links_in_creation_order(file_);
  std::vector<std::string> out;
  for (const auto& n : names) {
    H5O_info_t info{};
    if (H5Oget_info_by_name2(file_, n.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0 || info.type != H5O_TYPE_DATASET)
      continue;  // groups (e.g. /indicators) hold no variables of the root
    if (dims_of(n).size() != dims.size()) continue;
    if (dim_names(n) == dims) out.push_back(n);
  }
  return out;
}

int ResultFile::replicates() const {
  if (!has("replicate")) return 1;
  return dim_length(file_, "replicate", path_);
}

std::vector<std::string> ResultFile::replicate_seeds() const {
  if (replicates() > 1 && has("replicate_seed")) {
    Handle ds(H5Dopen2(file_, "replicate_seed", H5P_DEFAULT), H5Dclose);
    Handle t(H5Dget_type(ds.id), H5Tclose);
    if (H5Tget_class(t.id) == H5T_STRING) return read_strings("replicate_seed");
    // Integers: read as 64-bit without going through double (seeds may exceed 2^53).
    std::vector<long long> v(static_cast<std::size_t>(replicates()));
    if (H5Dread(ds.id, H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) < 0)
      throw ReadError(path_ + ": cannot read variable 'replicate_seed': the file is truncated or damaged");
    std::vector<std::string> out;
    for (long long x : v) out.push_back(std::to_string(x));
    return out;
  }
  if (H5Aexists(file_, "seed") > 0) {
    Handle a(H5Aopen(file_, "seed", H5P_DEFAULT), H5Aclose);
    Handle t(H5Aget_type(a.id), H5Tclose);
    if (H5Tget_class(t.id) == H5T_STRING) return {read_text_attr(file_, "seed")};
    if (H5Tget_class(t.id) == H5T_INTEGER) {
      unsigned long long v = 0;
      const bool is_signed = H5Tget_sign(t.id) == H5T_SGN_2;
      if (H5Aread(a.id, is_signed ? H5T_NATIVE_LLONG : H5T_NATIVE_ULLONG, &v) >= 0)
        return {is_signed ? std::to_string(static_cast<long long>(v)) : std::to_string(v)};
    }
  }
  const auto n = global_number("seed");
  return {n ? std::to_string(static_cast<long long>(*n)) : std::string("?")};
}

std::vector<std::string> ResultFile::station_metrics() const {
  if (replicates() > 1) return variables_with_dims({"replicate", "day", "station"});
  return station_day_variables();
}

std::vector<double> ResultFile::read_day_series(const std::string& name, int replicate) const {
  auto v = read(name);
  const auto d = dims_of(name);
  if (d.size() == 2 && dim_names(name).front() == "replicate") {
    if (replicate < 0 || replicate >= d[0])
      throw ReadError(path_ + ": variable '" + name + "' has no replicate " + std::to_string(replicate));
    const auto n = static_cast<std::size_t>(d[1]);
    return std::vector<double>(v.begin() + static_cast<std::ptrdiff_t>(n * static_cast<std::size_t>(replicate)),
                               v.begin() + static_cast<std::ptrdiff_t>(n * static_cast<std::size_t>(replicate + 1)));
  }
  if (d.size() != 1) throw ReadError(path_ + ": variable '" + name + "' is not a daily series");
  return v;
}

std::vector<double> ResultFile::read(const std::string& name) const {
  const auto d = dims_of(name);
  std::size_t n = 1;
  for (int x : d) n *= static_cast<std::size_t>(x);
  Handle ds(H5Dopen2(file_, name.c_str(), H5P_DEFAULT), H5Dclose);
  Handle t(H5Dget_type(ds.id), H5Tclose);
  const H5T_class_t cls = H5Tget_class(t.id);
  if (cls != H5T_INTEGER && cls != H5T_FLOAT) throw ReadError(path_ + ": variable '" + name + "' is not numeric");
  std::vector<double> out(n);
  if (n > 0 && H5Dread(ds.id, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0)
    throw ReadError(path_ + ": cannot read variable '" + name + "': the file is truncated or damaged");
  return out;
}

std::vector<std::string> ResultFile::read_strings(const std::string& name) const {
  const auto d = dims_of(name);
  if (d.size() != 1) throw ReadError(path_ + ": variable '" + name + "' is not a 1-D string list");
  Handle ds(H5Dopen2(file_, name.c_str(), H5P_DEFAULT), H5Dclose);
  Handle t(H5Dget_type(ds.id), H5Tclose);
  if (H5Tget_class(t.id) != H5T_STRING) throw ReadError(path_ + ": variable '" + name + "' is not a string list");
  if (H5Tis_variable_str(t.id) <= 0) {  // fixed-length strings, NUL-padded
    const std::size_t len = H5Tget_size(t.id);
    std::string buf(len * static_cast<std::size_t>(d[0]), '\0');
    Handle mt(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(mt.id, len);
    H5Tset_cset(mt.id, H5Tget_cset(t.id));
    if (!buf.empty() && H5Dread(ds.id, mt.id, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()) < 0)
      throw ReadError(path_ + ": cannot read variable '" + name + "': the file is truncated or damaged");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < static_cast<std::size_t>(d[0]); ++i) {
      std::string one = buf.substr(i * len, len);
      out.push_back(one.substr(0, one.find('\0')));
    }
    return out;
  }
  std::vector<char*> raw(static_cast<std::size_t>(d[0]), nullptr);
  Handle mt(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_size(mt.id, H5T_VARIABLE);
  H5Tset_cset(mt.id, H5T_CSET_UTF8);
  if (!raw.empty() && H5Dread(ds.id, mt.id, H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()) < 0)
    throw ReadError(path_ + ": cannot read variable '" + name + "': the file is truncated or damaged");
  std::vector<std::string> out;
  for (char* s : raw) out.emplace_back(s ? s : "");
  if (!raw.empty()) {
    Handle sp(H5Dget_space(ds.id), H5Sclose);
    H5Dvlen_reclaim(mt.id, sp.id, H5P_DEFAULT, raw.data());
  }
  return out;
}

std::string ResultFile::text_attribute(const std::string& var, const std::string& attr) const {
  if (!has(var)) return {};
  Handle ds(H5Dopen2(file_, var.c_str(), H5P_DEFAULT), H5Dclose);
  if (ds.id < 0) return {};
  return read_text_attr(ds.id, attr.c_str());
}

std::string ResultFile::global_text(const std::string& attr) const { return read_text_attr(file_, attr.c_str()); }

std::vector<std::string> ResultFile::group_variables(const std::string& group) const {
  std::vector<std::string> names;
  if (!has(group)) return names;
  H5O_info_t info{};
  if (H5Oget_info_by_name2(file_, group.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0 || info.type != H5O_TYPE_GROUP)
    return names;
  Handle g(H5Gopen2(file_, group.c_str(), H5P_DEFAULT), H5Gclose);
  if (g.id < 0) return names;
  names = links_in_creation_order(g.id);
  return names;
}

std::optional<double> ResultFile::number_attribute(const std::string& var, const std::string& attr) const {
  Handle ds(H5Dopen2(file_, var.c_str(), H5P_DEFAULT), H5Dclose);
  if (ds.id < 0) return std::nullopt;
  return read_number_attr(ds.id, attr.c_str());
}

std::optional<double> ResultFile::global_number(const std::string& attr) const { return read_number_attr(file_, attr.c_str()); }

namespace {

// The dimension of a 1-D variable that has no dimension scale attached (a file rewritten by another
// tool), from the schema's naming: station_*, area_*, the daily weather series.
std::string implied_dimension(const std::string& name) {
  if (name.rfind("station_", 0) == 0) return "station";
  if (name.rfind("area_", 0) == 0) return "area";
  if (name == "replicate_seed") return "replicate";
  if (name == "grid_lat") return "y";
  if (name == "grid_lon") return "x";
  for (const char* d : {"tmax_c", "tmin_c", "rh_pct", "heat_wave", "heat_warning", "sauna_day"})
    if (name == d) return "day";
  return {};
}

std::string joined(const std::vector<std::string>& v) {
  std::string out = "(";
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out.append(", ");
    out.append(v[i].empty() ? std::string("?") : v[i]);
  }
  out.append(")");
  return out;
}

}  // namespace

std::vector<std::string> ResultFile::root_datasets() const {
  const std::vector<std::string> names = links_in_creation_order(file_);
  std::vector<std::string> out;
  for (const auto& n : names) {
    H5O_info_t info{};
    if (H5Oget_info_by_name2(file_, n.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) >= 0 && info.type == H5O_TYPE_DATASET)
      out.push_back(n);
  }
  return out;
}

// Every variable's length along each named dimension equals that dimension's length, so no reader
// indexes past the end of a shortened variable (or silently reads a longer one).
void ResultFile::check_lengths() const {
  std::map<std::string, int> length{{"day", days_}, {"station", stations_}, {"area", areas_}};
  for (const char* d : {"replicate", "quantile", "x", "y"})
    if (has(d) && dims_of(d).size() == 1) length[d] = dims_of(d)[0];
  const auto datasets = root_datasets();
  if (datasets.empty()) throw ReadError(path_ + ": cannot list the variables: the HDF5 file is truncated or damaged");
  for (const auto& name : datasets) {
    const auto shape = dims_of(name);
    auto names = dim_names(name);
    if (shape.size() == 1 && names[0].empty()) names[0] = implied_dimension(name);
    for (std::size_t axis = 0; axis < shape.size(); ++axis) {
      const auto it = length.find(names[axis]);
      if (it == length.end() || shape[axis] == it->second) continue;
      throw ReadError(path_ + ": variable '" + name + "' has " + std::to_string(shape[axis]) + " values along '" +
                      it->first + "', but the file's '" + it->first + "' dimension has " + std::to_string(it->second) +
                      " (the file is damaged or was edited)");
    }
  }
}

void ResultFile::require_station_metric(const std::string& name) const {
  if (!has(name)) throw ReadError(path_ + ": no variable '" + name + "' (a metric this command needs)");
  const std::vector<std::string> want = replicates() > 1 ? std::vector<std::string>{"replicate", "day", "station"}
                                                         : std::vector<std::string>{"day", "station"};
  H5O_info_t info{};
  if (H5Oget_info_by_name2(file_, name.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0 || info.type != H5O_TYPE_DATASET)
    throw ReadError(path_ + ": '" + name + "' is not a variable (a metric this command needs)");
  const auto got = dim_names(name);
  if (got != want)
    throw ReadError(path_ + ": variable '" + name + "' has dimensions " + joined(got) + ", expected " + joined(want) +
                    " (transposed or damaged)");
  Handle ds(H5Dopen2(file_, name.c_str(), H5P_DEFAULT), H5Dclose);
  Handle t(H5Dget_type(ds.id), H5Tclose);
  const H5T_class_t cls = H5Tget_class(t.id);
  if (cls != H5T_INTEGER && cls != H5T_FLOAT) throw ReadError(path_ + ": variable '" + name + "' is not numeric");
}

}  // namespace swsim::results
