#include "swsim/io/nc_writer.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_group.h>
#include <zlib.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <deque>
#include <memory>
#include <limits>
#include <map>
#include <set>
#include <utility>

#include "swsim/util/error.hpp"

namespace swsim::io {
namespace {

// Chunks stay at most this big, so two fit in HDF5's default 1 MiB chunk cache; anything larger than
// this is cut into chunks of 256-512 KiB.
constexpr std::size_t kMaxChunkBytes = 512 * 1024;
// A chunk keeps at least this many elements along each dimension (or the whole dimension if shorter)
// while other dimensions can still shrink, so no axis degenerates into single-element slices.
constexpr hsize_t kMinChunkExtent = 8;
// Level 2 (zlib's fast matcher): about a fifth less CPU per file than level 4 for 2 % more bytes (session 6).
constexpr unsigned kDeflateLevel = 2;
constexpr unsigned kMaxCompactAttributes = 32;
constexpr unsigned kMinDenseAttributes = 24;

// Silences HDF5's automatic error-stack printing for the lifetime of the guard and restores the caller's
// setting afterwards: failures are reported as exceptions, never as stack dumps on stderr.
class QuietHdf5 {
 public:
  QuietHdf5() {
    if (H5Eget_auto2(H5E_DEFAULT, &func_, &data_) < 0) {
      func_ = nullptr;
      data_ = nullptr;
    }
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ~QuietHdf5() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }
  QuietHdf5(const QuietHdf5&) = delete;
  QuietHdf5& operator=(const QuietHdf5&) = delete;

 private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
};

// Owns one HDF5 identifier; closing errors in the destructor are ignored (it runs during unwinding),
// close() reports them.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)), closer_(other.closer_) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      close();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
      closer_ = other.closer_;
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { close(); }

  hid_t get() const { return id_; }
  // Returns the closer's status (negative on failure); the handle is empty afterwards either way.
  herr_t close() noexcept {
    herr_t status = 0;
    if (id_ >= 0 && closer_ != nullptr) status = closer_(id_);
    id_ = H5I_INVALID_HID;
    return status;
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

// The innermost HDF5 error message (e.g. the OS error behind a failed create), read before any further
// API call clears the stack.
std::string hdf5_error_detail() {
  std::string detail;
  auto innermost = [](unsigned n, const H5E_error2_t* err, void* out) -> herr_t {
    if (n == 0 && err != nullptr && err->desc != nullptr) *static_cast<std::string*>(out) = err->desc;
    return 0;
  };
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, innermost, &detail);
  // A failed write describes itself over several lines ("file write failed: time = ..., errno = 27,
  // error message = 'File too large', ..."): keep the operating system's words.
  const std::string key = "error message = '";
  if (const auto at = detail.find(key); at != std::string::npos) {
    const auto end = detail.find('\'', at + key.size());
    if (end != std::string::npos) return detail.substr(at + key.size(), end - at - key.size());
  }
  return detail;
}

std::string quoted(const std::string& s) {
  return "'" + s + "'";
}

[[noreturn]] void closed_error(const std::string& path, const std::string& what) {
  throw RuntimeError(path + ": " + what + ": writer already closed");
}

std::string join_dims(const std::vector<std::string>& dims) {
  std::string out = "(";
  for (std::size_t i = 0; i < dims.size(); ++i) out += (i ? ", " : "") + dims[i];
  return out + ")";
}

// Chunk shape for a dataset of `shape` (no zero extents). Starts from the whole dataset and halves, one
// at a time, the dimension whose chunk still covers the largest share of its length: the number of
// chunks then grows evenly across dimensions, so both one day's slice and one entity's series read a
// modest number of chunks.
std::vector<hsize_t> choose_chunk(const std::vector<hsize_t>& shape, std::size_t element_bytes) {
  std::vector<hsize_t> chunk = shape;
  auto chunk_bytes = [&] {
    double bytes = static_cast<double>(element_bytes);
    for (hsize_t c : chunk) bytes *= static_cast<double>(c);
    return bytes;
  };
  while (chunk_bytes() > static_cast<double>(kMaxChunkBytes)) {
    // Prefer dimensions still above their floor; past that, any dimension above 1 (first one above 2:
    // a time chunk of 1 makes reading a series painfully slow).
    auto pick = [&](bool respect_floor) {
      std::ptrdiff_t best = -1;
      double best_share = 0;
      for (std::size_t i = 0; i < chunk.size(); ++i) {
        const hsize_t floor = respect_floor ? std::min(shape[i], kMinChunkExtent) : (i == 0 ? 2 : 1);
        const hsize_t halved = (chunk[i] + 1) / 2;
        if (chunk[i] <= 1 || halved < floor) continue;
        const double share = static_cast<double>(chunk[i]) / static_cast<double>(shape[i]);
        if (best < 0 || share > best_share ||
            (share == best_share && chunk[i] > chunk[static_cast<std::size_t>(best)])) {
          best = static_cast<std::ptrdiff_t>(i);
          best_share = share;
        }
      }
      return best;
    };
    std::ptrdiff_t dim = pick(true);
    if (dim < 0) dim = pick(false);
    if (dim < 0) break;  // only reachable with absurd ranks; HDF5 still accepts the chunk
    chunk[static_cast<std::size_t>(dim)] = (chunk[static_cast<std::size_t>(dim)] + 1) / 2;
  }
  return chunk;
}

// HDF5 types of the numeric element types the writer stores.
template <class T>
struct NumericType;
template <>
struct NumericType<std::int32_t> {
  static hid_t file() { return H5T_STD_I32LE; }
  static hid_t memory() { return H5T_NATIVE_INT32; }
  static constexpr bool kIsInt8 = false;
};
template <>
struct NumericType<std::int16_t> {
  static hid_t file() { return H5T_STD_I16LE; }
  static hid_t memory() { return H5T_NATIVE_INT16; }
  static constexpr bool kIsInt8 = false;
};
template <>
struct NumericType<std::int8_t> {
  static hid_t file() { return H5T_STD_I8LE; }
  static hid_t memory() { return H5T_NATIVE_INT8; }
  static constexpr bool kIsInt8 = true;
};
template <>
struct NumericType<float> {
  static hid_t file() { return H5T_IEEE_F32LE; }
  static hid_t memory() { return H5T_NATIVE_FLOAT; }
  static constexpr bool kIsInt8 = false;
};
template <>
struct NumericType<double> {
  static hid_t file() { return H5T_IEEE_F64LE; }
  static hid_t memory() { return H5T_NATIVE_DOUBLE; }
  static constexpr bool kIsInt8 = false;
};

// Attribute names the dimension-scale API and netCDF manage themselves.
bool reserved_attribute_name(const std::string& name) {
  return name.empty() || name[0] == '_' || name == "CLASS" || name == "NAME" || name == "REFERENCE_LIST" ||
         name == "DIMENSION_LIST";
}

// An attribute named in messages ("variable 'x' attribute 'units'"), spelled out only when one is needed.
struct AttributeWhere {
  const std::string& owner;
  const std::string& name;
  std::string text() const { return owner + " attribute " + quoted(name); }
};

// One entry of a dimension scale's REFERENCE_LIST, laid out as the HL library's ds_list_t (a variable using
// the scale and the axis it uses it on), so the attribute's type is the one H5DSattach_scale writes.
struct ScaleUser {
  hobj_ref_t dataset;
  unsigned int dimension;
};

}  // namespace

// zlib's compress2 (deflateInit, one deflate to the end, deflateEnd) with the deflate state kept per
// thread and reset between chunks: deflateInit allocates and clears about 256 KiB each time, more work
// than compressing a small chunk. deflateReset gives the same output as a fresh state.
class Deflater {
 public:
  Deflater() {
    if (deflateInit(&zs_, static_cast<int>(kDeflateLevel)) != Z_OK) throw RuntimeError("zlib could not start");
  }
  ~Deflater() { deflateEnd(&zs_); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  std::vector<unsigned char> compress(const unsigned char* in, std::size_t bytes) {
    if (deflateReset(&zs_) != Z_OK || bytes > std::numeric_limits<uInt>::max())
      throw RuntimeError("zlib could not compress a chunk");
    std::vector<unsigned char> out(deflateBound(&zs_, static_cast<uLong>(bytes)));
    zs_.next_in = const_cast<unsigned char*>(in);  // zlib's API is not const-correct; input is only read
    zs_.avail_in = static_cast<uInt>(bytes);
    zs_.next_out = out.data();
    zs_.avail_out = static_cast<uInt>(out.size());
    if (deflate(&zs_, Z_FINISH) != Z_STREAM_END) throw RuntimeError("zlib could not compress a chunk");
    out.resize(zs_.total_out);
    return out;
  }

 private:
  z_stream zs_{};
};

// A chunk as HDF5's filter pipeline (shuffle, then deflate at kDeflateLevel) stores it, made here so many
// chunks can be compressed at once: the chunk's elements in row-major order (edge chunks padded with
// zeros), bytes shuffled (byte j of element i to j * n + i), then deflated as zlib's compress2 does,
// which is what the deflate filter calls. The file holds the same values as an H5Dwrite through the pipeline.
template <class T>
std::vector<unsigned char> encode_chunk(const std::vector<T>& data, const std::vector<hsize_t>& shape,
                                        const std::vector<hsize_t>& chunk, const std::vector<hsize_t>& origin) {
  const std::size_t rank = shape.size();
  std::size_t n = 1;
  for (hsize_t c : chunk) n *= static_cast<std::size_t>(c);
  const std::size_t bytes = n * sizeof(T);
  // Row by row along the last dimension: the part of the row inside the data, then zeros to the chunk's end.
  const std::size_t row = static_cast<std::size_t>(chunk[rank - 1]);
  const std::size_t inside_row =
      static_cast<std::size_t>(std::min(chunk[rank - 1], shape[rank - 1] - origin[rank - 1]));
  std::vector<unsigned char> shuffled(bytes);  // zeros: the padding
  std::vector<hsize_t> at(rank, 0);            // the row's position inside the chunk (last entry stays 0)
  for (std::size_t k = 0; k < n; k += row) {
    std::size_t flat = 0;
    bool inside = true;
    for (std::size_t d = 0; d + 1 < rank; ++d) {
      const hsize_t x = origin[d] + at[d];
      inside = inside && x < shape[d];
      flat = flat * static_cast<std::size_t>(shape[d]) + static_cast<std::size_t>(x);
    }
    flat = flat * static_cast<std::size_t>(shape[rank - 1]) + static_cast<std::size_t>(origin[rank - 1]);
    if (inside) {
      // Byte j of element k + i goes to j * n + k + i (HDF5's shuffle); one byte per element copies whole.
      const auto* src = reinterpret_cast<const unsigned char*>(data.data() + flat);
      if (sizeof(T) == 1 || n == 1) {
        std::memcpy(shuffled.data() + k * sizeof(T), src, inside_row * sizeof(T));
      } else {
        for (std::size_t j = 0; j < sizeof(T); ++j) {
          unsigned char* dst = shuffled.data() + j * n + k;
          for (std::size_t i = 0; i < inside_row; ++i) dst[i] = src[i * sizeof(T) + j];
        }
      }
    }
    for (std::size_t d = rank - 1; d-- > 0;) {
      if (++at[d] < chunk[d]) break;
      at[d] = 0;
    }
  }
  thread_local Deflater deflater;
  return deflater.compress(shuffled.data(), bytes);
}

struct NcWriter::Impl {
  struct Dimension {
    std::string group;  // "" for the root
    std::string name;
    hsize_t length = 0;
    Handle dataset;  // kept open so variables can attach it as a scale
    hobj_ref_t ref{};  // what the DIMENSION_LIST of its variables holds
    std::vector<ScaleUser> users{};  // its REFERENCE_LIST, in attachment order, written by close()
  };

  std::string path;
  Handle dimension_list_type, reference_list_type;  // H5DS's attribute types, made on first use
  std::map<std::size_t, Handle> text_types;         // fixed-length UTF-8 string types by size
  Handle scalar_space, null_space;
  std::map<std::vector<hsize_t>, Handle> dataset_plists;  // by chunk shape (none: contiguous)
  std::set<std::string> global_names;                      // attributes of the root
  // Declaration order matters: members are destroyed in reverse, so datasets close before the file.
  Handle file;
  Handle root;
  std::vector<Dimension> dims;
  std::set<std::string> names;  // dimensions, variables and groups share one namespace per group: "GROUP/NAME"
  std::vector<std::pair<std::string, Handle>> groups;  // child groups of the root, created on demand
  // Variables whose chunks are being compressed (encode_chunk, in parallel), written and closed by
  // write_pending: before the file closes, before any block is read or written, and when they hold
  // more than kPendingBytes.
  struct Pending {
    Handle dataset;
    std::string what;
    std::vector<std::vector<hsize_t>> origins;
    std::vector<std::vector<unsigned char>> chunks;
  };
  std::deque<Pending> pending;
  std::size_t pending_bytes = 0;
  tbb::task_group compressing;
  static constexpr std::size_t kPendingBytes = 64u << 20;

  ~Impl() {
    try {
      compressing.wait();
    } catch (...) {  // an error already being reported; the handles still close
    }
    try {
      write_reference_lists();  // a file left unfinished still has consistent dimension scales
    } catch (...) {
    }
  }

  void write_pending() {
    compressing.wait();
    for (Pending& v : pending) {
      for (std::size_t k = 0; k < v.chunks.size(); ++k)
        check(H5Dwrite_chunk(v.dataset.get(), H5P_DEFAULT, 0, v.origins[k].data(), v.chunks[k].size(), v.chunks[k].data()),
              v.what + ": cannot write data");
      check(v.dataset.close(), v.what + ": cannot close dataset");
    }
    pending.clear();
    pending_bytes = 0;
  }

  // Hands a new dataset's values to the compressors; the chunks are written by write_pending.
  template <class T>
  void compress_later(Handle ds, const std::string& what, std::span<const T> data, const std::vector<hsize_t>& shape,
                      const std::vector<hsize_t>& chunk) {
    Pending& v = pending.emplace_back();
    v.dataset = std::move(ds);
    v.what = what;
    std::vector<hsize_t> origin(shape.size(), 0);
    for (;;) {
      v.origins.push_back(origin);
      std::size_t d = shape.size();
      while (d-- > 0) {
        origin[d] += chunk[d];
        if (origin[d] < shape[d]) break;
        origin[d] = 0;
      }
      if (d == static_cast<std::size_t>(-1)) break;
    }
    v.chunks.resize(v.origins.size());
    auto values = std::make_shared<const std::vector<T>>(data.begin(), data.end());
    compressing.run([&v, values, shape, chunk] {
      tbb::parallel_for(std::size_t{0}, v.origins.size(),
                        [&](std::size_t k) { v.chunks[k] = encode_chunk(*values, shape, chunk, v.origins[k]); });
    });
    pending_bytes += data.size() * sizeof(T);
    if (pending_bytes > kPendingBytes) write_pending();
  }

  [[noreturn]] void fail(const std::string& what) const {
    const std::string detail = hdf5_error_detail();
    throw RuntimeError(path + ": " + what + (detail.empty() ? "" : " (HDF5: " + detail + ")"));
  }
  [[noreturn]] void reject(const std::string& what) const { throw RuntimeError(path + ": " + what); }

  void check(herr_t status, const std::string& what) const {
    if (status < 0) fail(what);
  }
  Handle make(hid_t id, Handle::Closer closer, const std::string& what) const {
    if (id < 0) fail(what);
    return Handle(id, closer);
  }
  // The same with the message made only on failure: `where` (a std::string or an AttributeWhere), then
  // ": " and `problem`.
  template <class Where>
  void check(herr_t status, const Where& where, const char* problem) const {
    if (status < 0) fail(text_of(where) + ": " + problem);
  }
  template <class Where>
  Handle make(hid_t id, Handle::Closer closer, const Where& where, const char* problem) const {
    if (id < 0) fail(text_of(where) + ": " + problem);
    return Handle(id, closer);
  }
  static const std::string& text_of(const std::string& what) { return what; }
  static std::string text_of(const AttributeWhere& where) { return where.text(); }

  // A dataset creation list with the settings every dataset shares, plus chunking and compression when
  // `chunk` is non-empty.
  // Made once per chunk shape and kept (HDF5 copies it into each dataset it creates).
  hid_t dataset_plist(const std::vector<hsize_t>& chunk, const std::string& what) {
    Handle& kept = dataset_plists[chunk];
    if (kept.get() >= 0) return kept.get();
    Handle dcpl = make(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, what, "cannot create property list");
    // Attribute order keeps units, long_name, ... as written; no timestamps keeps files byte-identical.
    check(H5Pset_attr_creation_order(dcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), what,
          "cannot track attribute order");
    check(H5Pset_obj_track_times(dcpl.get(), 0), what, "cannot disable time tracking");
    // Up to 32 attributes stay in the object header (HDF5's default is 8): a metric's dozen CF and label
    // attributes then cost no B-tree and fractal heap of their own (about 2 KiB per variable).
    check(H5Pset_attr_phase_change(dcpl.get(), kMaxCompactAttributes, kMinDenseAttributes), what,
          "cannot set attribute storage");
    if (!chunk.empty()) {
      check(H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()), what, "cannot set chunks");
      check(H5Pset_shuffle(dcpl.get()), what, "cannot set shuffle filter");
      check(H5Pset_deflate(dcpl.get(), kDeflateLevel), what, "cannot set deflate filter");
    }
    kept = std::move(dcpl);
    return kept.get();
  }

  Handle dataspace(const std::vector<hsize_t>& shape, const std::string& what) const {
    if (shape.empty()) return make(H5Screate(H5S_SCALAR), H5Sclose, what + ": cannot create dataspace");
    return make(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr), H5Sclose,
                what + ": cannot create dataspace");
  }

  // A transfer list whose conversion buffer fits `values` elements: HDF5 1.10 otherwise zero-fills a 1 MiB
  // buffer for every write that converts (the variable-length strings).
  Handle transfer_plist(std::size_t values, const std::string& what) const {
    Handle dxpl = make(H5Pcreate(H5P_DATASET_XFER), H5Pclose, what, "cannot create transfer property list");
    check(H5Pset_buffer(dxpl.get(), std::max<std::size_t>(values, 1) * 64, nullptr, nullptr), what,
          "cannot size the conversion buffer");
    return dxpl;
  }

  static std::string key(const std::string& group, const std::string& name) {
    return group.empty() ? name : group + "/" + name;
  }

  void check_new_name(const std::string& kind, const std::string& name, const std::string& group = {}) const {
    if (name.empty() || name.find('/') != std::string::npos || name == ".")
      reject(kind + " " + quoted(key(group, name)) + ": invalid name");
    if (names.count(key(group, name))) reject(kind + " " + quoted(key(group, name)) + ": duplicate name");
  }

  // The child group `group` of the root (created on first use, with link and attribute order tracked),
  // or the root for "".
  hid_t location(const std::string& group, const std::string& what) {
    if (group.empty()) return root.get();
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == group; });
    if (it != groups.end()) return it->second.get();
    check_new_name("group", group);
    Handle gcpl = make(H5Pcreate(H5P_GROUP_CREATE), H5Pclose, what + ": cannot create property list");
    check(H5Pset_link_creation_order(gcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
          what + ": cannot track link order");
    check(H5Pset_attr_creation_order(gcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
          what + ": cannot track attribute order");
    check(H5Pset_obj_track_times(gcpl.get(), 0), what + ": cannot disable time tracking");  // byte-identical files
    Handle g = make(H5Gcreate2(root.get(), group.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT), H5Gclose,
                    what + ": cannot create group");
    names.insert(group);
    groups.emplace_back(group, std::move(g));
    return groups.back().second.get();
  }

  // Attribute types and dataspaces are made once: HDF5 copies them into each attribute it creates.
  hid_t text_type(std::size_t size, const AttributeWhere& where) {
    Handle& type = text_types[size];
    if (type.get() >= 0) return type.get();
    // Scalar fixed-length UTF-8: netCDF reads it as NC_CHAR text, which is how netCDF-C writes text attributes.
    Handle t = make(H5Tcopy(H5T_C_S1), H5Tclose, where, "cannot create string type");
    check(H5Tset_size(t.get(), size), where, "cannot size string type");
    check(H5Tset_strpad(t.get(), H5T_STR_NULLTERM), where, "cannot set string padding");
    check(H5Tset_cset(t.get(), H5T_CSET_UTF8), where, "cannot set UTF-8");
    type = std::move(t);
    return type.get();
  }
  hid_t shared_space(H5S_class_t kind, const AttributeWhere& where) {
    Handle& space = kind == H5S_NULL ? null_space : scalar_space;
    if (space.get() < 0) space = make(H5Screate(kind), H5Sclose, where, "cannot create dataspace");
    return space.get();
  }

  void write_text_attribute(hid_t obj, const std::string& value, const AttributeWhere& where) {
    // HDF5 has no zero-length string type, so an empty value gets a null dataspace (as netCDF-C does).
    const hid_t type = text_type(std::max<std::size_t>(value.size(), 1), where);
    const hid_t space = shared_space(value.empty() ? H5S_NULL : H5S_SCALAR, where);
    Handle attr = make(H5Acreate2(obj, where.name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose, where,
                       "cannot create attribute");
    if (!value.empty()) check(H5Awrite(attr.get(), type, value.data()), where, "cannot write attribute");
    check(attr.close(), where, "cannot close attribute");
  }

  void write_numeric_attribute(hid_t obj, hid_t file_type, hid_t mem_type, const void* values, hsize_t count,
                               bool scalar, const AttributeWhere& where) {
    Handle list;
    if (!scalar && count > 0)
      list = make(H5Screate_simple(1, &count, nullptr), H5Sclose, where, "cannot create dataspace");
    const hid_t space = list.get() >= 0 ? list.get() : shared_space(scalar ? H5S_SCALAR : H5S_NULL, where);
    Handle attr = make(H5Acreate2(obj, where.name.c_str(), file_type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                       where, "cannot create attribute");
    if (scalar || count > 0) check(H5Awrite(attr.get(), mem_type, values), where, "cannot write attribute");
    check(attr.close(), where, "cannot close attribute");
  }

  // Writes one attribute whose name is new on `obj` (the callers keep track: write_info, global_names).
  void write_attribute(hid_t obj, const std::string& owner, const Attribute& a, bool int8_variable) {
    const AttributeWhere where{owner, a.name};
    if (reserved_attribute_name(a.name)) reject(where.text() + ": reserved or invalid attribute name");
    switch (a.kind) {
      case Attribute::Kind::kText:
        write_text_attribute(obj, a.text, where);
        break;
      case Attribute::Kind::kInt:
        write_numeric_attribute(obj, H5T_STD_I64LE, H5T_NATIVE_INT64, &a.integer, 1, true, where);
        break;
      case Attribute::Kind::kDouble:
        write_numeric_attribute(obj, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &a.real, 1, true, where);
        break;
      case Attribute::Kind::kIntList:
        // CF wants flag_values in the variable's own type; int8 and int32 are the integer types we store.
        if (int8_variable) {
          const std::vector<std::int8_t> values = narrowed<std::int8_t>(a.ints, where, "int8");
          write_numeric_attribute(obj, H5T_STD_I8LE, H5T_NATIVE_INT8, values.data(), values.size(), false, where);
        } else {
          const std::vector<std::int32_t> values = narrowed<std::int32_t>(a.ints, where, "int32");
          write_numeric_attribute(obj, H5T_STD_I32LE, H5T_NATIVE_INT32, values.data(), values.size(), false, where);
        }
        break;
    }
  }

  template <class T>
  std::vector<T> narrowed(const std::vector<std::int64_t>& ints, const AttributeWhere& where, const char* type) const {
    std::vector<T> values;
    for (std::int64_t v : ints) {
      if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max())
        reject(where.text() + ": value " + std::to_string(v) + " does not fit " + type);
      values.push_back(static_cast<T>(v));
    }
    return values;
  }

  void write_global_attribute(const Attribute& a) {
    if (!reserved_attribute_name(a.name) && !global_names.insert(a.name).second)
      reject(AttributeWhere{"global", a.name}.text() + ": duplicate attribute");
    write_attribute(root.get(), "global", a, false);
  }

  // The attributes of a new object: units, long_name, then the extras, each name once.
  void write_info(hid_t obj, const std::string& owner, const VarInfo& info, bool int8_variable) {
    // units is written even when empty (text variables) so every variable carries both CF attributes.
    write_attribute(obj, owner, Attribute::Text("units", info.units), int8_variable);
    write_attribute(obj, owner, Attribute::Text("long_name", info.long_name), int8_variable);
    for (std::size_t i = 0; i < info.extra.size(); ++i) {
      const std::string& name = info.extra[i].name;
      const bool repeated = name == "units" || name == "long_name" ||
                            std::any_of(info.extra.begin(), info.extra.begin() + static_cast<std::ptrdiff_t>(i),
                                        [&](const Attribute& b) { return b.name == name; });
      if (repeated && !reserved_attribute_name(name)) reject(AttributeWhere{owner, name}.text() + ": duplicate attribute");
      write_attribute(obj, owner, info.extra[i], int8_variable);
    }
  }

  // Resolves dimension names to their indices in `dims`, checking the data size against the shape.
  // A variable of `group` sees the group's own dimensions first, then the root's.
  std::vector<std::size_t> resolve(const std::string& what, const std::vector<std::string>& dim_names,
                                   std::size_t data_size, std::vector<hsize_t>& shape,
                                   const std::string& group = {}) const {
    std::vector<std::size_t> index;
    shape.clear();
    hsize_t expected = 1;
    for (const std::string& d : dim_names) {
      auto it = std::find_if(dims.begin(), dims.end(), [&](const Dimension& x) { return x.group == group && x.name == d; });
      if (it == dims.end())
        it = std::find_if(dims.begin(), dims.end(), [&](const Dimension& x) { return x.group.empty() && x.name == d; });
      if (it == dims.end()) reject(what + ": unknown dimension " + quoted(d));
      index.push_back(static_cast<std::size_t>(it - dims.begin()));
      shape.push_back(it->length);
      expected *= it->length;
    }
    if (expected != data_size)
      reject(what + ": data has " + std::to_string(data_size) + " values but dimensions " +
             join_dims(dim_names) + " need " + std::to_string(expected));
    return index;
  }

  // Attaches the dimension scales as H5DSattach_scale does, in bulk: the variable's DIMENSION_LIST (one
  // reference per axis) now, each scale's REFERENCE_LIST once at the end (write_reference_lists), with the
  // same entries in the same order, instead of rewriting the scale's growing list at every attachment.
  void attach(hid_t var, const std::vector<std::size_t>& dim_index, const std::string& what) {
    if (dim_index.empty()) return;
    std::vector<std::string> dim_names;
    for (std::size_t i : dim_index) dim_names.push_back(dims[i].name);
    const std::string failed = what + ": cannot attach dimensions " + join_dims(dim_names);
    hobj_ref_t self{};
    check(H5Rcreate(&self, var, ".", H5R_OBJECT, H5I_INVALID_HID), failed);
    std::vector<hobj_ref_t> refs(dim_index.size());
    std::vector<hvl_t> list(dim_index.size());
    for (std::size_t axis = 0; axis < dim_index.size(); ++axis) {
      refs[axis] = dims[dim_index[axis]].ref;
      list[axis] = hvl_t{1, &refs[axis]};
    }
    if (dimension_list_type.get() < 0)
      dimension_list_type = make(H5Tvlen_create(H5T_STD_REF_OBJ), H5Tclose, failed);
    Handle space = dataspace({static_cast<hsize_t>(dim_index.size())}, what);
    Handle attr = make(H5Acreate2(var, "DIMENSION_LIST", dimension_list_type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
                       H5Aclose, failed);
    check(H5Awrite(attr.get(), dimension_list_type.get(), list.data()), failed);
    check(attr.close(), failed);
    for (std::size_t axis = 0; axis < dim_index.size(); ++axis)
      dims[dim_index[axis]].users.push_back(ScaleUser{self, static_cast<unsigned>(axis)});
  }

  // Each scale's REFERENCE_LIST (H5DS's compound of the variable's reference and the axis), written once.
  void write_reference_lists() {
    for (Dimension& d : dims) {
      if (d.users.empty()) continue;
      const std::string what = "dimension " + quoted(key(d.group, d.name)) + ": cannot record its variables";
      if (reference_list_type.get() < 0) {
        reference_list_type = make(H5Tcreate(H5T_COMPOUND, sizeof(ScaleUser)), H5Tclose, what);
        check(H5Tinsert(reference_list_type.get(), "dataset", offsetof(ScaleUser, dataset), H5T_STD_REF_OBJ), what);
        check(H5Tinsert(reference_list_type.get(), "dimension", offsetof(ScaleUser, dimension), H5T_NATIVE_INT), what);
      }
      Handle space = dataspace({static_cast<hsize_t>(d.users.size())}, what);
      Handle attr = make(H5Acreate2(d.dataset.get(), "REFERENCE_LIST", reference_list_type.get(), space.get(),
                                    H5P_DEFAULT, H5P_DEFAULT),
                         H5Aclose, what);
      const std::vector<ScaleUser> users = std::exchange(d.users, {});  // written once, even if this fails
      check(H5Awrite(attr.get(), reference_list_type.get(), users.data()), what);
      check(attr.close(), what);
    }
  }

  template <class T>
  void numeric_variable(const std::string& name, const std::vector<std::string>& dim_names, std::span<const T> data,
                        const VarInfo& info, const std::string& group) {
    const std::string what = "variable " + quoted(key(group, name));
    check_new_name("variable", name, group);
    const hid_t loc = location(group, what);
    std::vector<hsize_t> shape;
    const std::vector<std::size_t> dim_index = resolve(what, dim_names, data.size(), shape, group);
    // Empty data and scalars cannot be chunked; there is nothing to compress anyway.
    const std::vector<hsize_t> chunk =
        (shape.empty() || data.empty()) ? std::vector<hsize_t>{} : choose_chunk(shape, sizeof(T));
    const hid_t dcpl = dataset_plist(chunk, what);
    Handle space = dataspace(shape, what);
    Handle ds = make(H5Dcreate2(loc, name.c_str(), NumericType<T>::file(), space.get(), H5P_DEFAULT,
                                dcpl, H5P_DEFAULT),
                     H5Dclose, what + ": cannot create dataset");
    if (!data.empty() && chunk.empty())
      check(H5Dwrite(ds.get(), NumericType<T>::memory(), H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()),
            what + ": cannot write data");
    write_info(ds.get(), what, info, NumericType<T>::kIsInt8);
    attach(ds.get(), dim_index, what);
    names.insert(key(group, name));
    if (!chunk.empty()) return compress_later(std::move(ds), what, data, shape, chunk);
    check(ds.close(), what + ": cannot close dataset");
  }

  // A chunked, compressed numeric dataset without values yet (declare).
  void declared_variable(const std::string& name, const std::vector<std::string>& dim_names, bool integer,
                         const VarInfo& info, const std::string& group, const std::vector<std::uint64_t>& chunk_hint) {
    const std::string what = "variable " + quoted(key(group, name));
    check_new_name("variable", name, group);
    const hid_t loc = location(group, what);
    std::vector<hsize_t> shape;
    hsize_t size = 1;
    for (const std::string& d : dim_names) size *= dim_length(what, d, group);
    const std::vector<std::size_t> dim_index = resolve(what, dim_names, static_cast<std::size_t>(size), shape, group);
    const std::size_t element = integer ? sizeof(std::int32_t) : sizeof(double);
    std::vector<hsize_t> chunk(chunk_hint.begin(), chunk_hint.end());
    if (!chunk.empty() && chunk.size() != shape.size()) reject(what + ": chunk rank differs from the dimensions'");
    for (std::size_t i = 0; i < chunk.size(); ++i) chunk[i] = std::clamp<hsize_t>(chunk[i], 1, std::max<hsize_t>(shape[i], 1));
    if (chunk.empty() && size > 0 && !shape.empty()) chunk = choose_chunk(shape, element);
    if (size == 0 || shape.empty()) chunk.clear();
    const hid_t dcpl = dataset_plist(chunk, what);
    Handle space = dataspace(shape, what);
    Handle ds = make(H5Dcreate2(loc, name.c_str(), integer ? H5T_STD_I32LE : H5T_IEEE_F64LE, space.get(),
                                H5P_DEFAULT, dcpl, H5P_DEFAULT),
                     H5Dclose, what + ": cannot create dataset");
    write_info(ds.get(), what, info, false);
    attach(ds.get(), dim_index, what);
    check(ds.close(), what + ": cannot close dataset");
    names.insert(key(group, name));
  }

  hsize_t dim_length(const std::string& what, const std::string& d, const std::string& group) const {
    auto it = std::find_if(dims.begin(), dims.end(), [&](const Dimension& x) { return x.group == group && x.name == d; });
    if (it == dims.end())
      it = std::find_if(dims.begin(), dims.end(), [&](const Dimension& x) { return x.group.empty() && x.name == d; });
    if (it == dims.end()) reject(what + ": unknown dimension " + quoted(d));
    return it->length;
  }

  // The declared dataset `group/name` with the box [start, start + count) selected in `file_space`;
  // `mem_space` gets a matching simple dataspace.
  Handle open_box(const std::string& name, const std::string& group, const std::vector<std::uint64_t>& start,
                  const std::vector<std::uint64_t>& count, std::size_t values, Handle& file_space,
                  Handle& mem_space, const std::string& what) {
    if (!names.count(key(group, name))) reject(what + ": no such variable");
    Handle ds = make(H5Dopen2(location(group, what), name.c_str(), H5P_DEFAULT), H5Dclose, what + ": cannot open dataset");
    file_space = make(H5Dget_space(ds.get()), H5Sclose, what + ": cannot get dataspace");
    const int rank = H5Sget_simple_extent_ndims(file_space.get());
    if (rank < 0 || static_cast<std::size_t>(rank) != start.size() || start.size() != count.size())
      reject(what + ": box rank differs from the variable's");
    std::vector<hsize_t> st(start.begin(), start.end()), ct(count.begin(), count.end()), shape(start.size());
    H5Sget_simple_extent_dims(file_space.get(), shape.data(), nullptr);
    hsize_t n = 1;
    for (std::size_t i = 0; i < st.size(); ++i) {
      if (st[i] + ct[i] > shape[i]) reject(what + ": box outside the variable");
      n *= ct[i];
    }
    if (n != values) reject(what + ": box has " + std::to_string(n) + " values, data " + std::to_string(values));
    check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, st.data(), nullptr, ct.data(), nullptr),
          what + ": cannot select box");
    // The memory space has the box's own shape: HDF5 then maps chunks by hyperslab, not element by element.
    mem_space = dataspace(ct, what);
    return ds;
  }

  void string_variable(const std::string& name, const std::vector<std::string>& dim_names,
                       const std::vector<std::string>& data, const VarInfo& info, const std::string& group) {
    const std::string what = "variable " + quoted(key(group, name));
    check_new_name("variable", name, group);
    const hid_t loc = location(group, what);
    std::vector<hsize_t> shape;
    const std::vector<std::size_t> dim_index = resolve(what, dim_names, data.size(), shape, group);
    std::vector<const char*> pointers;
    pointers.reserve(data.size());
    for (const std::string& s : data) {
      // HDF5 variable-length strings end at the first NUL; refuse rather than truncate silently.
      if (s.find('\0') != std::string::npos) reject(what + ": string contains a NUL character");
      pointers.push_back(s.c_str());
    }
    Handle type = make(H5Tcopy(H5T_C_S1), H5Tclose, what + ": cannot create string type");
    check(H5Tset_size(type.get(), H5T_VARIABLE), what + ": cannot make string type variable-length");
    check(H5Tset_cset(type.get(), H5T_CSET_UTF8), what + ": cannot set UTF-8");
    // Contiguous and unfiltered: filters would only compress the heap references, not the text.
    const hid_t dcpl = dataset_plist({}, what);
    Handle space = dataspace(shape, what);
    Handle ds = make(
        H5Dcreate2(loc, name.c_str(), type.get(), space.get(), H5P_DEFAULT, dcpl, H5P_DEFAULT),
        H5Dclose, what + ": cannot create dataset");
    if (!data.empty())
      check(H5Dwrite(ds.get(), type.get(), H5S_ALL, H5S_ALL, transfer_plist(data.size(), what).get(), pointers.data()),
            what + ": cannot write data");
    write_info(ds.get(), what, info, false);
    attach(ds.get(), dim_index, what);
    check(ds.close(), what + ": cannot close dataset");
    names.insert(key(group, name));
  }
};

void NcWriter::container(const std::string& group, const std::string& name, const VarInfo& info) {
  if (!impl_) closed_error(path_, "variable " + quoted(group + "/" + name));
  QuietHdf5 quiet;
  Impl& im = *impl_;
  const std::string what = "variable " + quoted(group + "/" + name);
  if (name.empty() || name.find('/') != std::string::npos) im.reject(what + ": invalid name");
  const hid_t loc = im.location(group, what);
  const htri_t exists = H5Lexists(loc, name.c_str(), H5P_DEFAULT);
  if (exists != 0) im.reject(what + ": duplicate name");
  const hid_t dcpl = im.dataset_plist({}, what);
  Handle space = im.dataspace({}, what);
  Handle ds = im.make(H5Dcreate2(loc, name.c_str(), H5T_STD_I8LE, space.get(), H5P_DEFAULT, dcpl,
                                 H5P_DEFAULT),
                      H5Dclose, what + ": cannot create dataset");
  const std::int8_t zero = 0;
  im.check(H5Dwrite(ds.get(), H5T_NATIVE_INT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, &zero), what + ": cannot write data");
  im.write_info(ds.get(), what, info, true);
  im.check(ds.close(), what + ": cannot close dataset");
}

NcWriter::NcWriter(const std::string& path) : impl_(std::make_unique<Impl>()), path_(path) {
  QuietHdf5 quiet;
  Impl& im = *impl_;
  im.path = path;
  Handle fcpl = im.make(H5Pcreate(H5P_FILE_CREATE), H5Pclose, "cannot create file creation property list");
  // Creation order on the root group makes netCDF list variables (and global attributes) as written
  // instead of alphabetically.
  im.check(H5Pset_link_creation_order(fcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
           "cannot track link creation order");
  im.check(H5Pset_attr_creation_order(fcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
           "cannot track attribute creation order");
  im.check(H5Pset_obj_track_times(fcpl.get(), 0), "cannot disable time tracking");
  Handle fapl = im.make(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "cannot create file access property list");
  // The 1.8+ object format stores attributes over 64 KiB (a long scenario text) in dense storage.
  im.check(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_V18, H5F_LIBVER_LATEST), "cannot set format bounds");
  im.file =
      im.make(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get()), H5Fclose, "cannot create file");
  im.root = im.make(H5Gopen2(im.file.get(), "/", H5P_DEFAULT), H5Gclose, "cannot open root group");
}

NcWriter::~NcWriter() {
  QuietHdf5 quiet;
  impl_.reset();  // Handles close datasets, root group and file; errors are swallowed
}

void NcWriter::global_attribute(const std::string& name, const std::string& value) {
  if (!impl_) closed_error(path_, "global attribute " + quoted(name));
  QuietHdf5 quiet;
  impl_->write_global_attribute(Attribute::Text(name, value));
}

void NcWriter::global_attribute(const std::string& name, std::int64_t value) {
  if (!impl_) closed_error(path_, "global attribute " + quoted(name));
  QuietHdf5 quiet;
  impl_->write_global_attribute(Attribute::Int(name, value));
}

void NcWriter::global_attribute(const std::string& name, double value) {
  if (!impl_) closed_error(path_, "global attribute " + quoted(name));
  QuietHdf5 quiet;
  impl_->write_global_attribute(Attribute::Real(name, value));
}

template <class T>
void NcWriter::dimension_impl(const std::string& name, const std::vector<T>& values, const VarInfo& info,
                              const std::string& group) {
  if (!impl_) closed_error(path_, "dimension " + quoted(name));
  QuietHdf5 quiet;
  Impl& im = *impl_;
  const std::string what = "dimension " + quoted(Impl::key(group, name));
  im.check_new_name("dimension", name, group);
  const hid_t loc = im.location(group, what);
  const std::vector<hsize_t> shape{static_cast<hsize_t>(values.size())};
  const std::vector<hsize_t> chunk = values.empty() ? std::vector<hsize_t>{} : choose_chunk(shape, sizeof(T));
  const hid_t dcpl = im.dataset_plist(chunk, what);
  Handle space = im.dataspace(shape, what);
  Handle ds = im.make(H5Dcreate2(loc, name.c_str(), NumericType<T>::file(), space.get(), H5P_DEFAULT,
                                 dcpl, H5P_DEFAULT),
                      H5Dclose, what + ": cannot create dataset");
  if (!values.empty())
    im.check(H5Dwrite(ds.get(), NumericType<T>::memory(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
             what + ": cannot write coordinate values");
  // The scale's NAME is the dimension name, which tells netCDF this is a coordinate variable (not a bare
  // dimension). A scale is never attached to itself.
  im.check(H5DSset_scale(ds.get(), name.c_str()), what + ": cannot make dimension scale");
  im.write_info(ds.get(), what, info, false);
  hobj_ref_t ref{};
  im.check(H5Rcreate(&ref, ds.get(), ".", H5R_OBJECT, H5I_INVALID_HID), what + ": cannot reference dimension scale");
  im.dims.push_back(Impl::Dimension{group, name, shape[0], std::move(ds), ref});
  im.names.insert(Impl::key(group, name));
}

void NcWriter::dimension(const std::string& name, const std::vector<std::int32_t>& values, const VarInfo& info,
                         const std::string& group) {
  dimension_impl(name, values, info, group);
}

void NcWriter::dimension(const std::string& name, const std::vector<double>& values, const VarInfo& info,
                         const std::string& group) {
  dimension_impl(name, values, info, group);
}

void NcWriter::variable(const std::string& name, const std::vector<std::string>& dims,
                        const std::vector<std::int16_t>& data, const VarInfo& info, const std::string& group) {
  if (!impl_) closed_error(path_, "variable " + quoted(name));
  QuietHdf5 quiet;
  impl_->numeric_variable(name, dims, std::span<const std::int16_t>(data), info, group);
}

void NcWriter::variable(const std::string& name, const std::vector<std::string>& dims,
                        const std::vector<std::int32_t>& data, const VarInfo& info, const std::string& group) {
  if (!impl_) closed_error(path_, "variable " + quoted(name));
  QuietHdf5 quiet;
  impl_->numeric_variable(name, dims, std::span<const std::int32_t>(data), info, group);
}

void NcWriter::variable(const std::string& name, const std::vector<std::string>& dims,
                        const std::vector<std::int8_t>& data, const VarInfo& info, const std::string& group) {
  if (!impl_) closed_error(path_, "variable " + quoted(name));
  QuietHdf5 quiet;
  impl_->numeric_variable(name, dims, std::span<const std::int8_t>(data), info, group);
}

void NcWriter::variable(const std::string& name, const std::vector<std::string>& dims,
                        const std::vector<float>& data, const VarInfo& info, const std::string& group) {
  if (!impl_) closed_error(path_, "variable " + quoted(name));
  QuietHdf5 quiet;
  impl_->numeric_variable(name, dims, std::span<const float>(data), info, group);
}

void NcWriter::variable(const std::string& name, const std::vector<std::string>& dims,
                        const std::vector<double>& data, const VarInfo& info, const std::string& group) {
  variable(name, dims, std::span<const double>(data), info, group);
}

void NcWriter::variable(const std::string& name, const std::vector<std::string>& dims, std::span<const double> data,
                        const VarInfo& info, const std::string& group) {
  if (!impl_) closed_error(path_, "variable " + quoted(name));
  QuietHdf5 quiet;
  impl_->numeric_variable(name, dims, data, info, group);
}

void NcWriter::variable(const std::string& name, const std::vector<std::string>& dims,
                        const std::vector<std::string>& data, const VarInfo& info, const std::string& group) {
  if (!impl_) closed_error(path_, "variable " + quoted(name));
  QuietHdf5 quiet;
  impl_->string_variable(name, dims, data, info, group);
}

void NcWriter::declare(const std::string& name, const std::vector<std::string>& dims, bool integer,
                       const VarInfo& info, const std::string& group, const std::vector<std::uint64_t>& chunk) {
  if (!impl_) closed_error(path_, "variable " + quoted(name));
  QuietHdf5 quiet;
  impl_->declared_variable(name, dims, integer, info, group, chunk);
}

void NcWriter::write_block(const std::string& name, const std::string& group, const std::vector<std::uint64_t>& start,
                           const std::vector<std::uint64_t>& count, std::span<const double> data) {
  if (!impl_) closed_error(path_, "variable " + quoted(name));
  QuietHdf5 quiet;
  Impl& im = *impl_;
  im.write_pending();  // a variable still being compressed is whole before any block of the file is touched
  const std::string what = "variable " + quoted(Impl::key(group, name)) + " (block)";
  Handle file_space, mem_space;
  Handle ds = im.open_box(name, group, start, count, data.size(), file_space, mem_space, what);
  if (data.empty()) return;
  Handle type = im.make(H5Dget_type(ds.get()), H5Tclose, what + ": cannot get type");
  if (H5Tget_class(type.get()) == H5T_INTEGER) {
    const std::vector<std::int32_t> values(data.begin(), data.end());  // truncation, as variable() of int32
    im.check(H5Dwrite(ds.get(), H5T_NATIVE_INT32, mem_space.get(), file_space.get(), H5P_DEFAULT, values.data()),
             what + ": cannot write data");
  } else {
    im.check(H5Dwrite(ds.get(), H5T_NATIVE_DOUBLE, mem_space.get(), file_space.get(), H5P_DEFAULT, data.data()),
             what + ": cannot write data");
  }
  im.check(ds.close(), what + ": cannot close dataset");
}

void NcWriter::read_block(const std::string& name, const std::string& group, const std::vector<std::uint64_t>& start,
                          const std::vector<std::uint64_t>& count, std::vector<double>& data) {
  if (!impl_) closed_error(path_, "variable " + quoted(name));
  QuietHdf5 quiet;
  Impl& im = *impl_;
  im.write_pending();  // a variable still being compressed is whole before any block of the file is touched
  const std::string what = "variable " + quoted(Impl::key(group, name)) + " (block)";
  std::size_t n = 1;
  for (std::uint64_t c : count) n *= static_cast<std::size_t>(c);
  data.resize(n);
  Handle file_space, mem_space;
  Handle ds = im.open_box(name, group, start, count, n, file_space, mem_space, what);
  if (n == 0) return;
  im.check(H5Dread(ds.get(), H5T_NATIVE_DOUBLE, mem_space.get(), file_space.get(), H5P_DEFAULT, data.data()),
           what + ": cannot read data");
  im.check(ds.close(), what + ": cannot close dataset");
}

void NcWriter::close() {
  if (!impl_) closed_error(path_, "close");
  QuietHdf5 quiet;
  // Taken out first: whatever happens below, the writer counts as closed and the handles still close.
  std::unique_ptr<Impl> im = std::move(impl_);
  im->write_pending();
  im->write_reference_lists();
  im->check(H5Fflush(im->file.get(), H5F_SCOPE_LOCAL), "cannot flush file");
  for (Impl::Dimension& d : im->dims)
    im->check(d.dataset.close(), "dimension " + quoted(d.name) + ": cannot close");
  for (auto& [name, g] : im->groups) im->check(g.close(), "group " + quoted(name) + ": cannot close");
  im->check(im->root.close(), "cannot close root group");
  im->check(im->file.close(), "cannot close file");
}

}  // namespace swsim::io
