#include "reader/result_file.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <filesystem>

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

}  // namespace

ResultFile::ResultFile(const std::string& path) : path_(path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw ReadError(path + ": file not found");
  if (std::filesystem::is_directory(path, ec)) throw ReadError(path + ": is a directory, not a result file");
  const htri_t is_h5 = H5Fis_hdf5(path.c_str());
  if (is_h5 <= 0) throw ReadError(path + ": not an HDF5 file (or unreadable)");
  file_ = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file_ < 0) throw ReadError(path + ": cannot open: the HDF5 file is truncated or damaged");
  try {
    days_ = dim_length(file_, "day", path_);
    stations_ = dim_length(file_, "station", path_);
    areas_ = dim_length(file_, "area", path_);
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

std::vector<std::string> ResultFile::station_day_variables() const {
  std::vector<std::string> names;
  H5Literate(
      file_, H5_INDEX_CRT_ORDER, H5_ITER_INC, nullptr,
      [](hid_t, const char* name, const H5L_info_t*, void* data) -> herr_t {
        static_cast<std::vector<std::string>*>(data)->push_back(name);
        return 0;
      },
      &names);
  std::vector<std::string> out;
  for (const auto& n : names) {
    if (dims_of(n).size() != 2) continue;
    if (dim_names(n) == std::vector<std::string>{"day", "station"}) out.push_back(n);
  }
  return out;
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
  if (H5Tget_class(t.id) != H5T_STRING || H5Tis_variable_str(t.id) <= 0)
    throw ReadError(path_ + ": variable '" + name + "' is not a variable-length string list");
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

}  // namespace swsim::results
