#include "swsim/io/nc_writer.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "swsim/util/error.hpp"

namespace fs = std::filesystem;
using swsim::io::Attribute;
using swsim::io::NcWriter;
using swsim::io::VarInfo;

namespace {

// A unique path under the system temp dir, removed when the test ends (pass or fail).
class TempPath {
 public:
  explicit TempPath(const std::string& stem) {
    static std::atomic<int> counter{0};
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    path_ = fs::temp_directory_path() / ("swsim_test_nc_writer_" + stem + "_" + std::to_string(stamp) + "_" +
                                         std::to_string(counter++) + ".h5");
  }
  ~TempPath() {
    std::error_code ec;
    fs::remove(path_, ec);
  }
  TempPath(const TempPath&) = delete;
  TempPath& operator=(const TempPath&) = delete;
  std::string str() const { return path_.string(); }

 private:
  fs::path path_;
};

// Minimal RAII for the read-back side of the tests.
class Id {
 public:
  Id(hid_t id, herr_t (*closer)(hid_t)) : id_(id), closer_(closer) { REQUIRE(id_ >= 0); }
  ~Id() {
    if (id_ >= 0) closer_(id_);
  }
  Id(const Id&) = delete;
  Id& operator=(const Id&) = delete;
  hid_t get() const { return id_; }

 private:
  hid_t id_;
  herr_t (*closer_)(hid_t);
};

std::string big_text() {
  std::string text;
  const std::string line = "[scenario] heat wave 37 degC, lunch 11:30, 社工站 staffing 3\n";
  while (text.size() < 100 * 1024) text += line;
  return text;
}

std::vector<std::int32_t> day_values() {
  return {0, 1, 2, 3, 4};
}
std::vector<std::int32_t> visits() {
  std::vector<std::int32_t> v;
  for (int i = 0; i < 15; ++i) v.push_back(i * 10 - 3);
  return v;
}
std::vector<std::int8_t> levels() {
  return {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2};
}
std::vector<float> tmax() {
  std::vector<float> v;
  for (int i = 0; i < 15; ++i) v.push_back(30.5f + 0.25f * static_cast<float>(i));
  return v;
}
std::vector<double> distance() {
  return {1.5, 2.25, 1e-3};
}
std::vector<std::string> area_names() {
  return {"历下", "Lixia district"};
}

// The small file the read-back and determinism tests share.
void write_sample(const std::string& path) {
  NcWriter w(path);
  w.global_attribute("Conventions", std::string("CF-1.8"));
  w.global_attribute("scenario", big_text());
  w.global_attribute("seed", std::int64_t{1234567890123});
  w.global_attribute("scale", 0.75);
  w.dimension("day", day_values(),
              {"days since 2022-06-01", "simulated day", {Attribute::Text("calendar", "standard")}});
  w.dimension("station", std::vector<std::int32_t>{10, 20, 30}, {"1", "station id", {}});
  w.dimension("area", std::vector<std::int32_t>{1, 2}, {"1", "area id", {}});
  w.variable("visits", {"day", "station"}, visits(), {"1", "visits made", {}});
  w.variable("warning_level", {"day", "station"}, levels(),
             {"1",
              "heat warning level",
              {Attribute::IntList("flag_values", {0, 1, 2, 3}),
               Attribute::Text("flag_meanings", "none blue yellow orange")}});
  w.variable("tmax", {"day", "station"}, tmax(),
             {"degC", "daily maximum temperature", {Attribute::Int("valid_count", 15)}});
  w.variable("distance", {"station"}, distance(), {"km", "road distance", {Attribute::Real("factor", 1.25)}});
  w.variable("area_name", {"area"}, area_names(), {"", "area name", {}});
  w.variable("codes", {"area"}, std::vector<std::int32_t>{5, 6},
             {"1", "area code", {Attribute::IntList("flag_values", {5, 6})}});
  w.close();
}

template <class T>
std::vector<T> read_dataset(hid_t file, const std::string& name, hid_t mem_type) {
  Id ds(H5Dopen2(file, name.c_str(), H5P_DEFAULT), H5Dclose);
  Id space(H5Dget_space(ds.get()), H5Sclose);
  std::vector<T> out(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get())));
  if (!out.empty()) REQUIRE(H5Dread(ds.get(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) >= 0);
  return out;
}

std::vector<std::string> read_strings(hid_t file, const std::string& name) {
  Id ds(H5Dopen2(file, name.c_str(), H5P_DEFAULT), H5Dclose);
  Id space(H5Dget_space(ds.get()), H5Sclose);
  Id type(H5Dget_type(ds.get()), H5Tclose);
  REQUIRE(H5Tis_variable_str(type.get()) > 0);
  REQUIRE(H5Tget_cset(type.get()) == H5T_CSET_UTF8);
  std::vector<char*> raw(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get())));
  REQUIRE(H5Dread(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()) >= 0);
  std::vector<std::string> out(raw.begin(), raw.end());
  H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, raw.data());
  return out;
}

std::string read_text_attribute(hid_t obj, const std::string& name) {
  Id attr(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose);
  Id type(H5Aget_type(attr.get()), H5Tclose);
  Id space(H5Aget_space(attr.get()), H5Sclose);
  REQUIRE(H5Tget_class(type.get()) == H5T_STRING);
  REQUIRE(H5Tis_variable_str(type.get()) == 0);  // fixed-length: netCDF's NC_CHAR text
  REQUIRE(H5Tget_cset(type.get()) == H5T_CSET_UTF8);
  if (H5Sget_simple_extent_type(space.get()) == H5S_NULL) return "";
  REQUIRE(H5Sget_simple_extent_type(space.get()) == H5S_SCALAR);
  std::string value(H5Tget_size(type.get()), '\0');
  REQUIRE(H5Aread(attr.get(), type.get(), value.data()) >= 0);
  return value;
}

template <class T>
std::vector<T> read_numeric_attribute(hid_t obj, const std::string& name, hid_t expected_file_type,
                                      hid_t mem_type) {
  Id attr(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose);
  Id type(H5Aget_type(attr.get()), H5Tclose);
  REQUIRE(H5Tequal(type.get(), expected_file_type) > 0);
  Id space(H5Aget_space(attr.get()), H5Sclose);
  std::vector<T> out(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get())));
  REQUIRE(H5Aread(attr.get(), mem_type, out.data()) >= 0);
  return out;
}

// Link names of the root group in creation order.
std::vector<std::string> names_in_creation_order(hid_t file) {
  std::vector<std::string> names;
  auto collect = [](hid_t, const char* name, const H5L_info_t*, void* out) -> herr_t {
    static_cast<std::vector<std::string>*>(out)->push_back(name);
    return 0;
  };
  REQUIRE(H5Literate(file, H5_INDEX_CRT_ORDER, H5_ITER_INC, nullptr, collect, &names) >= 0);
  return names;
}

// Attribute names of `obj` in creation order (fails unless that order is tracked).
std::vector<std::string> attributes_in_creation_order(hid_t obj) {
  std::vector<std::string> names;
  auto collect = [](hid_t, const char* name, const H5A_info_t*, void* out) -> herr_t {
    static_cast<std::vector<std::string>*>(out)->push_back(name);
    return 0;
  };
  REQUIRE(H5Aiterate2(obj, H5_INDEX_CRT_ORDER, H5_ITER_INC, nullptr, collect, &names) >= 0);
  return names;
}

bool is_attached(hid_t file, const std::string& var, const std::string& dim, unsigned axis) {
  Id v(H5Dopen2(file, var.c_str(), H5P_DEFAULT), H5Dclose);
  Id d(H5Dopen2(file, dim.c_str(), H5P_DEFAULT), H5Dclose);
  return H5DSis_attached(v.get(), d.get(), axis) > 0;
}

// The message of the swsim::RuntimeError `f` throws; any other exception fails the test.
std::string runtime_error_message(const std::function<void()>& f) {
  try {
    f();
  } catch (const swsim::RuntimeError& e) {
    return e.what();
  }
  return "<no swsim::RuntimeError thrown>";
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("NcWriter writes values and attributes that read back unchanged", "[io][nc_writer]") {
  TempPath path("values");
  write_sample(path.str());
  Id file(H5Fopen(path.str().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);

  CHECK(read_dataset<std::int32_t>(file.get(), "day", H5T_NATIVE_INT32) == day_values());
  CHECK(read_dataset<std::int32_t>(file.get(), "station", H5T_NATIVE_INT32) ==
        std::vector<std::int32_t>{10, 20, 30});
  CHECK(read_dataset<std::int32_t>(file.get(), "visits", H5T_NATIVE_INT32) == visits());
  CHECK(read_dataset<std::int8_t>(file.get(), "warning_level", H5T_NATIVE_INT8) == levels());
  CHECK(read_dataset<float>(file.get(), "tmax", H5T_NATIVE_FLOAT) == tmax());
  CHECK(read_dataset<double>(file.get(), "distance", H5T_NATIVE_DOUBLE) == distance());
  CHECK(read_strings(file.get(), "area_name") == area_names());

  SECTION("stored types are the fixed little-endian ones") {
    const std::vector<std::pair<std::string, hid_t>> expected{{"visits", H5T_STD_I32LE},
                                                              {"warning_level", H5T_STD_I8LE},
                                                              {"tmax", H5T_IEEE_F32LE},
                                                              {"distance", H5T_IEEE_F64LE},
                                                              {"day", H5T_STD_I32LE}};
    for (const auto& [name, type] : expected) {
      Id ds(H5Dopen2(file.get(), name.c_str(), H5P_DEFAULT), H5Dclose);
      Id t(H5Dget_type(ds.get()), H5Tclose);
      INFO(name);
      CHECK(H5Tequal(t.get(), type) > 0);
    }
  }

  SECTION("global attributes") {
    CHECK(read_text_attribute(file.get(), "Conventions") == "CF-1.8");
    CHECK(read_text_attribute(file.get(), "scenario") == big_text());
    CHECK(read_numeric_attribute<std::int64_t>(file.get(), "seed", H5T_STD_I64LE, H5T_NATIVE_INT64) ==
          std::vector<std::int64_t>{1234567890123});
    CHECK(read_numeric_attribute<double>(file.get(), "scale", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE) ==
          std::vector<double>{0.75});
  }

  SECTION("variable attributes, with flag_values in the variable's type") {
    Id day(H5Dopen2(file.get(), "day", H5P_DEFAULT), H5Dclose);
    CHECK(read_text_attribute(day.get(), "units") == "days since 2022-06-01");
    CHECK(read_text_attribute(day.get(), "long_name") == "simulated day");
    CHECK(read_text_attribute(day.get(), "calendar") == "standard");

    Id level(H5Dopen2(file.get(), "warning_level", H5P_DEFAULT), H5Dclose);
    CHECK(read_text_attribute(level.get(), "units") == "1");
    CHECK(read_numeric_attribute<std::int8_t>(level.get(), "flag_values", H5T_STD_I8LE, H5T_NATIVE_INT8) ==
          std::vector<std::int8_t>{0, 1, 2, 3});
    CHECK(read_text_attribute(level.get(), "flag_meanings") == "none blue yellow orange");

    Id codes(H5Dopen2(file.get(), "codes", H5P_DEFAULT), H5Dclose);
    CHECK(read_numeric_attribute<std::int32_t>(codes.get(), "flag_values", H5T_STD_I32LE, H5T_NATIVE_INT32) ==
          std::vector<std::int32_t>{5, 6});

    Id t(H5Dopen2(file.get(), "tmax", H5P_DEFAULT), H5Dclose);
    CHECK(read_text_attribute(t.get(), "units") == "degC");
    CHECK(read_numeric_attribute<std::int64_t>(t.get(), "valid_count", H5T_STD_I64LE, H5T_NATIVE_INT64) ==
          std::vector<std::int64_t>{15});

    Id d(H5Dopen2(file.get(), "distance", H5P_DEFAULT), H5Dclose);
    CHECK(read_numeric_attribute<double>(d.get(), "factor", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE) ==
          std::vector<double>{1.25});

    Id names(H5Dopen2(file.get(), "area_name", H5P_DEFAULT), H5Dclose);
    CHECK(read_text_attribute(names.get(), "units").empty());
    CHECK(read_text_attribute(names.get(), "long_name") == "area name");
  }

  SECTION("dimension scales are attached on every axis, never to themselves") {
    for (const char* dim : {"day", "station", "area"}) {
      Id d(H5Dopen2(file.get(), dim, H5P_DEFAULT), H5Dclose);
      INFO(dim);
      CHECK(H5DSis_scale(d.get()) > 0);
      CHECK(H5Aexists(d.get(), "DIMENSION_LIST") == 0);
    }
    for (const char* var : {"visits", "warning_level", "tmax"}) {
      INFO(var);
      CHECK(is_attached(file.get(), var, "day", 0));
      CHECK(is_attached(file.get(), var, "station", 1));
      CHECK_FALSE(is_attached(file.get(), var, "station", 0));
    }
    CHECK(is_attached(file.get(), "distance", "station", 0));
    CHECK(is_attached(file.get(), "area_name", "area", 0));
    CHECK(is_attached(file.get(), "codes", "area", 0));
  }

  SECTION("names and attributes keep creation order") {
    CHECK(names_in_creation_order(file.get()) == std::vector<std::string>{"day", "station", "area", "visits",
                                                                          "warning_level", "tmax", "distance",
                                                                          "area_name", "codes"});
    Id level(H5Dopen2(file.get(), "warning_level", H5P_DEFAULT), H5Dclose);
    CHECK(attributes_in_creation_order(level.get()) ==
          std::vector<std::string>{"units", "long_name", "flag_values", "flag_meanings", "DIMENSION_LIST"});
    CHECK(attributes_in_creation_order(file.get()) ==
          std::vector<std::string>{"Conventions", "scenario", "seed", "scale"});
    for (const char* name : {"day", "visits", "area_name"}) {
      INFO(name);
      Id ds(H5Dopen2(file.get(), name, H5P_DEFAULT), H5Dclose);
      Id dcpl(H5Dget_create_plist(ds.get()), H5Pclose);
      unsigned flags = 0;
      REQUIRE(H5Pget_attr_creation_order(dcpl.get(), &flags) >= 0);
      CHECK(flags == (H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED));
    }
  }

  SECTION("the file uses the 1.8+ format that stores attributes over 64 KiB") {
    H5F_info2_t info{};
    REQUIRE(H5Fget_info2(file.get(), &info) >= 0);
    CHECK(info.super.version >= 2);
  }

  SECTION("numeric variables are chunked with shuffle then deflate") {
    for (const char* name : {"visits", "warning_level", "tmax", "distance", "day"}) {
      INFO(name);
      Id ds(H5Dopen2(file.get(), name, H5P_DEFAULT), H5Dclose);
      Id dcpl(H5Dget_create_plist(ds.get()), H5Pclose);
      REQUIRE(H5Pget_layout(dcpl.get()) == H5D_CHUNKED);
      REQUIRE(H5Pget_nfilters(dcpl.get()) == 2);
      unsigned flags = 0;
      std::size_t n_values = 1;
      unsigned level = 0;
      unsigned config = 0;
      CHECK(H5Pget_filter2(dcpl.get(), 0, &flags, &n_values, &level, 0, nullptr, &config) ==
            H5Z_FILTER_SHUFFLE);
      n_values = 1;
      CHECK(H5Pget_filter2(dcpl.get(), 1, &flags, &n_values, &level, 0, nullptr, &config) ==
            H5Z_FILTER_DEFLATE);
      CHECK(level == 2);  // zlib's fast matcher: a fifth less CPU than level 4 for 2 % more bytes
    }
  }
}

TEST_CASE("NcWriter chunks a large variable into 64 KiB-1 MiB chunks, several days deep", "[io][nc_writer]") {
  TempPath path("chunks");
  const std::int32_t days = 92;
  const std::int32_t elders = 20011;  // prime: the chunks along it cannot all be whole
  {
    NcWriter w(path.str());
    std::vector<std::int32_t> day(days), elder(elders);
    for (std::int32_t i = 0; i < days; ++i) day[static_cast<std::size_t>(i)] = i;
    for (std::int32_t i = 0; i < elders; ++i) elder[static_cast<std::size_t>(i)] = i;
    w.dimension("day", day, {"days since 2022-06-01", "simulated day", {}});
    w.dimension("elder", elder, {"1", "elder id", {}});
    std::vector<float> data(static_cast<std::size_t>(days) * elders);
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<float>(i % 977) * 0.5f;
    w.variable("core_temp", {"day", "elder"}, data, {"degC", "core temperature", {}});
    // Its chunks are compressed in the background: a block read before the file closes sees them whole.
    std::vector<double> block;
    w.read_block("core_temp", "", {91, 20009}, {1, 2}, block);
    REQUIRE(block.size() == 2);
    CHECK(block[0] == data[91u * elders + 20009]);
    CHECK(block[1] == data[91u * elders + 20010]);
    w.close();
  }
  Id file(H5Fopen(path.str().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  Id ds(H5Dopen2(file.get(), "core_temp", H5P_DEFAULT), H5Dclose);
  Id dcpl(H5Dget_create_plist(ds.get()), H5Pclose);
  hsize_t chunk[2] = {0, 0};
  REQUIRE(H5Pget_chunk(dcpl.get(), 2, chunk) == 2);
  const hsize_t bytes = chunk[0] * chunk[1] * sizeof(float);
  CHECK(chunk[0] > 1);
  CHECK(chunk[0] <= static_cast<hsize_t>(days));
  CHECK(chunk[1] <= static_cast<hsize_t>(elders));
  CHECK(bytes >= 64 * 1024);
  CHECK(bytes <= 1024 * 1024);
  const auto back = read_dataset<float>(file.get(), "core_temp", H5T_NATIVE_FLOAT);
  REQUIRE(back.size() == static_cast<std::size_t>(days) * elders);
  CHECK(back[123457] == static_cast<float>(123457 % 977) * 0.5f);
  // Every value, edge chunks included, as written (the writer shuffles and deflates the chunks itself).
  std::vector<float> expected(back.size());
  for (std::size_t i = 0; i < expected.size(); ++i) expected[i] = static_cast<float>(i % 977) * 0.5f;
  CHECK(back == expected);
  CHECK((static_cast<hsize_t>(days) % chunk[0] != 0 || static_cast<hsize_t>(elders) % chunk[1] != 0));  // edges exist
}

TEST_CASE("NcWriter handles a zero-length dimension", "[io][nc_writer]") {
  TempPath path("empty");
  {
    NcWriter w(path.str());
    w.dimension("visit", std::vector<std::int32_t>{}, {"1", "visit id", {}});
    w.variable("duration", {"visit"}, std::vector<float>{}, {"min", "visit duration", {}});
    w.variable("visitor", {"visit"}, std::vector<std::string>{}, {"", "visitor name", {}});
    w.close();
  }
  Id file(H5Fopen(path.str().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  CHECK(read_dataset<float>(file.get(), "duration", H5T_NATIVE_FLOAT).empty());
  CHECK(is_attached(file.get(), "duration", "visit", 0));
  CHECK(is_attached(file.get(), "visitor", "visit", 0));
}

TEST_CASE("NcWriter puts dimensions and variables in child groups, resolving dimensions group first",
          "[io][nc_writer]") {
  TempPath path("groups");
  {
    NcWriter w(path.str());
    w.dimension("day", day_values(), {"days since 2022-06-01", "day", {}});
    w.dimension("station", std::vector<std::int32_t>{10, 20, 30}, {"1", "station id", {}});
    w.variable("visits", {"day", "station"}, visits(), {"1", "visits made", {}});
    // The group's own day axis shadows the root's; "station" comes from the root.
    w.dimension("day", day_values(), {"days since 2022-06-01", "day (group copy)", {}}, "sums");
    w.dimension("area", std::vector<std::int32_t>{0, 1}, {"1", "area", {}}, "sums");
    w.variable("visits", {"day", "station"}, visits(), {"1", "visits, again", {}}, "sums");
    w.variable("area_name", {"area"}, area_names(), {"", "area name", {}}, "sums");
    w.variable("visits", {"day"}, std::vector<std::int32_t>{1, 2, 3, 4, 5}, {"1", "city visits", {}}, "city");
    // Names are unique per group, not across groups.
    CHECK_THAT(runtime_error_message([&] { w.variable("visits", {"day"}, day_values(), {"1", "x", {}}, "sums"); }),
               Catch::Matchers::Contains("'sums/visits': duplicate name"));
    CHECK_THAT(runtime_error_message([&] { w.variable("area_name", {"area"}, area_names(), {"", "x", {}}); }),
               Catch::Matchers::Contains("unknown dimension 'area'"));  // the group's dimension is not the root's
    CHECK_THAT(runtime_error_message([&] { w.variable("visits", {"day"}, day_values(), {"1", "x", {}}, "visits"); }),
               Catch::Matchers::Contains("'visits': duplicate name"));  // a group cannot shadow a root variable
    w.close();
  }
  Id file(H5Fopen(path.str().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  CHECK(read_dataset<std::int32_t>(file.get(), "sums/visits", H5T_NATIVE_INT32) == visits());
  CHECK(is_attached(file.get(), "sums/visits", "sums/day", 0));
  CHECK_FALSE(is_attached(file.get(), "sums/visits", "day", 0));
  CHECK(is_attached(file.get(), "sums/visits", "station", 1));
  CHECK(is_attached(file.get(), "sums/area_name", "sums/area", 0));
  CHECK(is_attached(file.get(), "city/visits", "day", 0));  // no day axis in /city: the root's
  CHECK(names_in_creation_order(file.get()) == std::vector<std::string>{"day", "station", "visits", "sums", "city"});
}

TEST_CASE("NcWriter writes byte-identical files for identical content", "[io][nc_writer]") {
  TempPath first("same_a");
  TempPath second("same_b");
  write_sample(first.str());
  write_sample(second.str());
  const std::string a = file_bytes(first.str());
  REQUIRE(a.size() > 100 * 1024);
  CHECK(a == file_bytes(second.str()));

  // Timestamps have one-second resolution, so two quick writes can match by luck: check none are stored.
  Id file(H5Fopen(first.str().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  for (const char* name : {"day", "visits", "area_name"}) {
    INFO(name);
    Id ds(H5Dopen2(file.get(), name, H5P_DEFAULT), H5Dclose);
    Id dcpl(H5Dget_create_plist(ds.get()), H5Pclose);
    hbool_t tracked = true;
    REQUIRE(H5Pget_obj_track_times(dcpl.get(), &tracked) >= 0);
    CHECK_FALSE(tracked);
  }
}

TEST_CASE("NcWriter reports misuse as swsim::RuntimeError naming the file and the object",
          "[io][nc_writer]") {
  TempPath path("errors");
  NcWriter w(path.str());
  w.dimension("day", std::vector<std::int32_t>{0, 1, 2}, {"days since 2022-06-01", "simulated day", {}});
  w.dimension("station", std::vector<std::int32_t>{1, 2}, {"1", "station id", {}});

  SECTION("data size does not match the dimensions") {
    const std::string msg = runtime_error_message([&] {
      w.variable("tmax", {"day", "station"}, std::vector<float>(5), {"degC", "tmax", {}});
    });
    CHECK_THAT(msg, Catch::Contains("tmax") && Catch::Contains(path.str()) && Catch::Contains("need 6"));
  }
  SECTION("unknown dimension") {
    const std::string msg = runtime_error_message([&] {
      w.variable("visits", {"day", "district"}, std::vector<std::int32_t>(6), {"1", "visits", {}});
    });
    CHECK_THAT(msg, Catch::Contains("visits") && Catch::Contains("district") && Catch::Contains(path.str()));
  }
  SECTION("duplicate variable or dimension name") {
    w.variable("visits", {"day"}, std::vector<std::int32_t>(3), {"1", "visits", {}});
    CHECK_THAT(runtime_error_message([&] {
                 w.variable("visits", {"day"}, std::vector<std::int32_t>(3), {"1", "visits", {}});
               }),
               Catch::Contains("visits") && Catch::Contains("duplicate"));
    CHECK_THAT(runtime_error_message([&] {
                 w.dimension("day", std::vector<std::int32_t>{0}, {"1", "again", {}});
               }),
               Catch::Contains("day") && Catch::Contains("duplicate"));
  }
  SECTION("duplicate or reserved attribute names") {
    CHECK_THAT(
        runtime_error_message([&] {
          w.variable("a", {"day"}, std::vector<double>(3), {"1", "a", {Attribute::Text("units", "K")}});
        }),
        Catch::Contains("'a'") && Catch::Contains("units"));
    CHECK_THAT(
        runtime_error_message([&] {
          w.variable("b", {"day"}, std::vector<double>(3), {"1", "b", {Attribute::Real("_FillValue", 0)}});
        }),
        Catch::Contains("'b'") && Catch::Contains("_FillValue"));
    w.global_attribute("title", std::string("x"));
    CHECK_THAT(runtime_error_message([&] { w.global_attribute("title", std::string("y")); }),
               Catch::Contains("title"));
  }
  SECTION("flag_values that do not fit the variable's int8 type") {
    CHECK_THAT(runtime_error_message([&] {
                 w.variable("level", {"day"}, std::vector<std::int8_t>(3),
                            {"1", "level", {Attribute::IntList("flag_values", {0, 300})}});
               }),
               Catch::Contains("level") && Catch::Contains("300"));
  }
  SECTION("any call after close") {
    w.close();
    CHECK_THAT(runtime_error_message([&] {
                 w.variable("late", {"day"}, std::vector<std::int32_t>(3), {"1", "late", {}});
               }),
               Catch::Contains("late") && Catch::Contains(path.str()));
    CHECK_THAT(runtime_error_message([&] { w.global_attribute("late_attr", 1.0); }),
               Catch::Contains("late_attr"));
    CHECK_THAT(runtime_error_message([&] { w.close(); }), Catch::Contains(path.str()));
  }
}

TEST_CASE("NcWriter's destructor closes every handle, even after an error, leaving a readable file",
          "[io][nc_writer]") {
  TempPath path("destructor");
  {
    NcWriter w(path.str());
    w.dimension("day", std::vector<std::int32_t>{0, 1}, {"days since 2022-06-01", "simulated day", {}});
    // Fails after its dataset was created, with the writer still open.
    CHECK_THROWS_AS(
        w.variable("bad", {"day"}, std::vector<float>(2), {"1", "bad", {Attribute::Text("CLASS", "x")}}),
        swsim::RuntimeError);
  }
  CHECK(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL) == 0);
  Id file(H5Fopen(path.str().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  CHECK(read_dataset<std::int32_t>(file.get(), "day", H5T_NATIVE_INT32) == std::vector<std::int32_t>{0, 1});
}

TEST_CASE("NcWriter reports an uncreatable file as swsim::RuntimeError", "[io][nc_writer]") {
  const std::string path = (fs::temp_directory_path() / "swsim_no_such_dir_for_nc_writer" / "x.h5").string();
  const std::string msg = runtime_error_message([&] { NcWriter w(path); });
  CHECK_THAT(msg, Catch::Contains(path) && Catch::Contains("cannot create file"));
}

TEST_CASE("NcWriter declares a variable and fills it block by block, as variable() would have written it",
          "[io][nc_writer][blocks]") {
  TempPath path("blocks");
  const std::vector<double> values{1.9, -2.7, 3.0, 4.5, 5.2, 6.0, 7.8, 8.1, 9.9, 10.0, 11.5, 12.25};  // 2 x 3 x 2
  std::vector<double> first, box;
  {
    NcWriter w(path.str());
    w.dimension("rep", std::vector<std::int32_t>{0, 1}, {"1", "replicate", {}});
    w.dimension("day", std::vector<std::int32_t>{0, 1, 2}, {"1", "day", {}});
    w.dimension("st", std::vector<std::int32_t>{0, 1}, {"1", "station", {}});
    w.declare("counts", {"rep", "day", "st"}, true, {"1", "counts", {Attribute::Text("label", "n")}}, {}, {1, 3, 2});
    w.declare("sums", {"rep", "day", "st"}, false, {"min", "sums", {}}, "g");
    w.variable("after", {"st"}, std::vector<double>{0.5, 1.5}, {"1", "written after", {}});
    // Replicate 1 first, then replicate 0: a block is any box of the variable.
    w.write_block("counts", "", {1, 0, 0}, {1, 3, 2}, std::vector<double>(values.begin() + 6, values.end()));
    w.write_block("counts", "", {0, 0, 0}, {1, 3, 2}, std::vector<double>(values.begin(), values.begin() + 6));
    w.write_block("sums", "g", {0, 0, 0}, {2, 3, 2}, values);
    w.read_block("counts", "", {0, 0, 0}, {1, 3, 2}, first);
    w.read_block("sums", "g", {0, 1, 1}, {2, 2, 1}, box);
    CHECK_THROWS_AS(w.write_block("counts", "", {1, 1, 0}, {1, 3, 2}, std::vector<double>(6)), swsim::RuntimeError);
    CHECK_THROWS_AS(w.write_block("counts", "", {0, 0, 0}, {1, 3, 2}, std::vector<double>(5)), swsim::RuntimeError);
    CHECK_THROWS_AS(w.write_block("missing", "", {0}, {1}, std::vector<double>(1)), swsim::RuntimeError);
    CHECK_THROWS_AS(w.declare("counts", {"rep"}, true, {"1", "again", {}}), swsim::RuntimeError);
    w.close();
  }
  CHECK(first == std::vector<double>{1, -2, 3, 4, 5, 6});  // int32: truncated toward zero, like variable()
  CHECK(box == std::vector<double>{4.5, 6.0, 10.0, 12.25});
  Id file(H5Fopen(path.str().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  const auto counts = read_dataset<std::int32_t>(file.get(), "counts", H5T_NATIVE_INT32);
  CHECK(counts == std::vector<std::int32_t>{1, -2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
  CHECK(read_dataset<double>(file.get(), "g/sums", H5T_NATIVE_DOUBLE) == values);
  Id ds(H5Dopen2(file.get(), "counts", H5P_DEFAULT), H5Dclose);
  CHECK(read_text_attribute(ds.get(), "label") == "n");
  CHECK(H5DSis_attached(ds.get(), Id(H5Dopen2(file.get(), "day", H5P_DEFAULT), H5Dclose).get(), 1) > 0);
  Id dcpl(H5Dget_create_plist(ds.get()), H5Pclose);
  hsize_t chunk[3] = {0, 0, 0};
  REQUIRE(H5Pget_chunk(dcpl.get(), 3, chunk) == 3);
  CHECK(chunk[0] == 1);
  CHECK(chunk[1] == 3);
  // Declared variables keep their place in the variable order (creation order of the root's links).
  char name[32] = {0};
  H5Lget_name_by_idx(file.get(), ".", H5_INDEX_CRT_ORDER, H5_ITER_INC, 3, name, sizeof name, H5P_DEFAULT);
  CHECK(std::string(name) == "counts");
}

namespace {

// The variables a dimension scale's REFERENCE_LIST names, in its order, as "path:axis", read with the
// compound type the HL library reads it with (H5DS's ds_list_t).
std::vector<std::string> reference_list(hid_t file, const std::string& scale) {
  struct Entry {
    hobj_ref_t dataset;
    unsigned int dimension;
  };
  Id ds(H5Dopen2(file, scale.c_str(), H5P_DEFAULT), H5Dclose);
  Id attr(H5Aopen(ds.get(), "REFERENCE_LIST", H5P_DEFAULT), H5Aclose);
  Id type(H5Tcreate(H5T_COMPOUND, sizeof(Entry)), H5Tclose);
  REQUIRE(H5Tinsert(type.get(), "dataset", offsetof(Entry, dataset), H5T_STD_REF_OBJ) >= 0);
  REQUIRE(H5Tinsert(type.get(), "dimension", offsetof(Entry, dimension), H5T_NATIVE_INT) >= 0);
  Id stored(H5Aget_type(attr.get()), H5Tclose);
  CHECK(H5Tequal(stored.get(), type.get()) > 0);  // the very type H5DSattach_scale stores
  Id space(H5Aget_space(attr.get()), H5Sclose);
  std::vector<Entry> entries(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get())));
  REQUIRE(H5Aread(attr.get(), type.get(), entries.data()) >= 0);
  std::vector<std::string> out;
  for (Entry& e : entries) {
    Id var(H5Rdereference2(ds.get(), H5P_DEFAULT, H5R_OBJECT, &e.dataset), H5Dclose);
    char name[64] = {0};
    H5Iget_name(var.get(), name, sizeof name);
    out.push_back(std::string(name) + ":" + std::to_string(e.dimension));
  }
  return out;
}

// The scales attached to each axis of `var` (paths), as H5DSiterate_scales reports them.
std::vector<std::vector<std::string>> scales_of(hid_t file, const std::string& var) {
  Id ds(H5Dopen2(file, var.c_str(), H5P_DEFAULT), H5Dclose);
  Id space(H5Dget_space(ds.get()), H5Sclose);
  std::vector<std::vector<std::string>> axes(static_cast<std::size_t>(H5Sget_simple_extent_ndims(space.get())));
  for (std::size_t axis = 0; axis < axes.size(); ++axis) {
    CHECK(H5DSget_num_scales(ds.get(), static_cast<unsigned>(axis)) == 1);
    auto visit = [](hid_t, unsigned, hid_t scale, void* out) -> herr_t {
      char name[64] = {0};
      H5Iget_name(scale, name, sizeof name);
      static_cast<std::vector<std::string>*>(out)->push_back(name);
      return 0;
    };
    REQUIRE(H5DSiterate_scales(ds.get(), static_cast<unsigned>(axis), nullptr, visit, &axes[axis]) >= 0);
  }
  return axes;
}

void write_scales_sample(const std::string& path, bool close) {
  NcWriter w(path);
  w.dimension("day", day_values(), {"days since 2022-06-01", "day", {}});
  w.dimension("station", std::vector<std::int32_t>{10, 20, 30}, {"1", "station id", {}});
  w.dimension("unused", std::vector<std::int32_t>{0, 1}, {"1", "a dimension no variable uses", {}});
  w.variable("visits", {"day", "station"}, visits(), {"1", "visits made", {}});
  w.variable("pairs", {"station", "station"}, std::vector<std::int32_t>(9, 1), {"1", "station pairs", {}});
  w.declare("later", {"day"}, true, {"1", "filled later", {}});
  w.variable("names", {"station"}, std::vector<std::string>{"a", "b", "c"}, {"", "station name", {}});
  w.dimension("day", day_values(), {"days since 2022-06-01", "day (group copy)", {}}, "areas");
  w.variable("visits", {"day", "station"}, visits(), {"1", "visits, again", {}}, "areas");
  w.variable("visits", {"day"}, day_values(), {"1", "city visits", {}}, "city");
  w.variable("total", {}, std::vector<std::int32_t>{7}, {"1", "a scalar", {}});
  if (close) w.close();
}

}  // namespace

TEST_CASE("NcWriter attaches dimension scales in bulk, as H5DSattach_scale would have, for H5DS and netCDF",
          "[io][nc_writer]") {
  TempPath path("scales");
  write_scales_sample(path.str(), true);
  {
    Id file(H5Fopen(path.str().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
    using Axes = std::vector<std::vector<std::string>>;
    CHECK(scales_of(file.get(), "visits") == Axes{{"/day"}, {"/station"}});
    CHECK(scales_of(file.get(), "pairs") == Axes{{"/station"}, {"/station"}});  // one dimension twice
    CHECK(scales_of(file.get(), "later") == Axes{{"/day"}});
    CHECK(scales_of(file.get(), "areas/visits") == Axes{{"/areas/day"}, {"/station"}});
    CHECK(scales_of(file.get(), "city/visits") == Axes{{"/day"}});
    // Each scale lists its variables in the order they were attached, with the axis.
    CHECK(reference_list(file.get(), "day") ==
          std::vector<std::string>{"/visits:0", "/later:0", "/city/visits:0"});
    CHECK(reference_list(file.get(), "station") ==
          std::vector<std::string>{"/visits:1", "/pairs:0", "/pairs:1", "/names:0", "/areas/visits:1"});
    CHECK(reference_list(file.get(), "areas/day") == std::vector<std::string>{"/areas/visits:0"});
    CHECK(is_attached(file.get(), "pairs", "station", 1));
    CHECK_FALSE(is_attached(file.get(), "visits", "station", 0));
    Id unused(H5Dopen2(file.get(), "unused", H5P_DEFAULT), H5Dclose);
    CHECK(H5Aexists(unused.get(), "REFERENCE_LIST") == 0);  // as H5DS: no list until something attaches
    Id total(H5Dopen2(file.get(), "total", H5P_DEFAULT), H5Dclose);
    CHECK(H5Aexists(total.get(), "DIMENSION_LIST") == 0);
    CHECK(attributes_in_creation_order(unused.get()) == std::vector<std::string>{"CLASS", "NAME", "units", "long_name"});
    Id day(H5Dopen2(file.get(), "day", H5P_DEFAULT), H5Dclose);
    CHECK(attributes_in_creation_order(day.get()) ==
          std::vector<std::string>{"CLASS", "NAME", "units", "long_name", "REFERENCE_LIST"});
  }
  // H5DS edits the lists as its own: detaching updates both sides.
  {
    Id file(H5Fopen(path.str().c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
    Id var(H5Dopen2(file.get(), "pairs", H5P_DEFAULT), H5Dclose);
    Id scale(H5Dopen2(file.get(), "station", H5P_DEFAULT), H5Dclose);
    REQUIRE(H5DSdetach_scale(var.get(), scale.get(), 0) >= 0);
    CHECK(H5DSis_attached(var.get(), scale.get(), 0) == 0);
    CHECK(H5DSis_attached(var.get(), scale.get(), 1) > 0);
  }
  Id file(H5Fopen(path.str().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  CHECK(reference_list(file.get(), "station") ==
        std::vector<std::string>{"/visits:1", "/areas/visits:1", "/pairs:1", "/names:0"});
}

TEST_CASE("NcWriter's bulk-attached dimensions read back in netCDF (ncdump)", "[io][nc_writer]") {
  TempPath path("scales_nc");
  write_scales_sample(path.str(), true);
  const std::string out = path.str() + ".cdl";
  REQUIRE(std::system(("ncdump -h " + path.str() + " > " + out + " 2>&1").c_str()) == 0);
  std::ifstream in(out);
  const std::string cdl((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  fs::remove(out);
  for (const char* line : {"day = 5 ;", "station = 3 ;", "int visits(day, station) ;", "int pairs(station, station) ;",
                           "int later(day) ;", "string names(station) ;", "group: areas {", "group: city {",
                           "int total ;"})
    CHECK_THAT(cdl, Catch::Contains(line));
}

TEST_CASE("NcWriter left without close() still records which variables use each dimension", "[io][nc_writer]") {
  TempPath path("scales_unclosed");
  write_scales_sample(path.str(), false);  // the destructor closes
  Id file(H5Fopen(path.str().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  CHECK(is_attached(file.get(), "visits", "day", 0));
  CHECK(reference_list(file.get(), "day") == std::vector<std::string>{"/visits:0", "/later:0", "/city/visits:0"});
}
