// Hashes of results for the bit-identity check (see h5_digest.hpp).
#include "h5_digest.hpp"

#include <hdf5.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

namespace swsim::bench {

void Hasher::bytes(const void* p, std::size_t n) {
  const auto* c = static_cast<const unsigned char*>(p);
  for (std::size_t i = 0; i < n; ++i) {
    h ^= c[i];
    h *= 1099511628211ull;
  }
}

void Hasher::text(const std::string& s) {
  const std::uint64_t n = s.size();
  bytes(&n, sizeof n);
  bytes(s.data(), s.size());
}

std::string hex(std::uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::uint64_t hash_results(const Results& r) {
  Hasher hs;
  const int dims[2] = {r.days(), r.stations()};
  hs.bytes(dims, sizeof dims);
  for (std::size_t m = 0; m < kMetricCount; ++m) {
    const auto& s = r.series(static_cast<Metric>(m));
    hs.bytes(s.data(), s.size() * sizeof(double));
  }
  return hs.h;
}

void quiet_hdf5_errors() {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

namespace {

// One dataset or attribute being hashed.
struct H5Values {
  hid_t obj;
  bool attribute;
  hid_t type;
  hid_t space;
  std::size_t n;  // number of values

  herr_t read(hid_t mem, void* buf) const {
    return attribute ? H5Aread(obj, mem, buf) : H5Dread(obj, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf);
  }
};

// Sum of the integers in buf (n values of `size` bytes each, native order).
std::int64_t sum_integers(const std::vector<unsigned char>& buf, std::size_t n, std::size_t size) {
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (size == 4) {
      std::int32_t v;
      std::memcpy(&v, buf.data() + i * 4, 4);
      sum += v;
    } else if (size == 8) {
      std::int64_t v;
      std::memcpy(&v, buf.data() + i * 8, 8);
      sum += v;
    }
  }
  return sum;
}

void hash_variable_strings(const H5Values& v, H5Digest& d) {
  const hid_t mem = H5Tcopy(H5T_C_S1);
  H5Tset_size(mem, H5T_VARIABLE);
  H5Tset_cset(mem, H5Tget_cset(v.type));
  std::vector<char*> buf(v.n, nullptr);
  if (v.n && v.read(mem, buf.data()) < 0) d.ok = false;
  for (char* s : buf) d.hs.text(s ? std::string(s) : std::string());
  if (v.n) H5Dvlen_reclaim(mem, v.space, H5P_DEFAULT, buf.data());
  H5Tclose(mem);
}

// Fixed-size strings, integers and floats: their bytes in native layout.
void hash_fixed_values(const H5Values& v, H5T_class_t cls, const std::string& name, H5Digest& d) {
  const hid_t mem = cls == H5T_STRING ? H5Tcopy(v.type) : H5Tget_native_type(v.type, H5T_DIR_ASCEND);
  const std::size_t size = H5Tget_size(mem);
  std::vector<unsigned char> buf(v.n * size);
  if (v.n && v.read(mem, buf.data()) < 0) d.ok = false;
  d.hs.bytes(buf.data(), buf.size());
  if (!v.attribute && name == "/station_elders" && cls == H5T_INTEGER)
    d.elders += sum_integers(buf, v.n, size);
  H5Tclose(mem);
}

void hash_values(hid_t obj, bool attribute, const std::string& name, H5Digest& d) {
  const hid_t type = attribute ? H5Aget_type(obj) : H5Dget_type(obj);
  const hid_t space = attribute ? H5Aget_space(obj) : H5Dget_space(obj);
  if (type < 0 || space < 0) {
    d.ok = false;
    return;
  }
  const auto n = static_cast<std::size_t>(std::max<hssize_t>(0, H5Sget_simple_extent_npoints(space)));
  const H5T_class_t cls = H5Tget_class(type);
  d.hs.text(name);
  d.hs.bytes(&cls, sizeof cls);
  d.hs.bytes(&n, sizeof n);
  const H5Values v{obj, attribute, type, space, n};
  if (cls == H5T_STRING && H5Tis_variable_str(type) > 0) {
    hash_variable_strings(v, d);
  } else if (cls == H5T_STRING || cls == H5T_INTEGER || cls == H5T_FLOAT) {
    hash_fixed_values(v, cls, name, d);
  }  // references, vlen of references, compounds of references: structure only
  H5Sclose(space);
  H5Tclose(type);
}

herr_t hash_attribute(hid_t loc, const char* name, const H5A_info_t*, void* data) {
  auto& d = *static_cast<H5Digest*>(data);
  // The command (it names the thread count) and the time of writing differ between processes.
  for (const char* skip : {"command_line", "history", "date_created"})
    if (std::strcmp(name, skip) == 0) return 0;
  const hid_t a = H5Aopen(loc, name, H5P_DEFAULT);
  if (a < 0) {
    d.ok = false;
    return 0;
  }
  std::string at("@");
  at.append(name);
  hash_values(a, true, at, d);
  H5Aclose(a);
  return 0;
}

void hash_object_attributes(hid_t obj, H5Digest& d) {
  hsize_t idx = 0;
  H5Aiterate2(obj, H5_INDEX_NAME, H5_ITER_INC, &idx, hash_attribute, &d);
}

herr_t hash_link(hid_t group, const char* name, const H5L_info_t*, void* data) {
  auto& d = *static_cast<H5Digest*>(data);
  const hid_t obj = H5Oopen(group, name, H5P_DEFAULT);
  if (obj < 0) {
    d.ok = false;
    return 0;
  }
  std::string path("/");
  path.append(name);
  d.hs.text(path);
  if (H5Iget_type(obj) == H5I_DATASET) hash_values(obj, false, path, d);
  hash_object_attributes(obj, d);
  H5Oclose(obj);
  return 0;
}

}  // namespace

std::optional<H5Digest> hash_h5_file(const std::string& path) {
  const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (f < 0) return std::nullopt;
  H5Digest d;
  hash_object_attributes(f, d);  // global attributes
  H5Lvisit(f, H5_INDEX_NAME, H5_ITER_INC, hash_link, &d);
  H5Fclose(f);
  if (!d.ok) return std::nullopt;
  return d;
}

}  // namespace swsim::bench
