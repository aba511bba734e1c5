#include "swsim/io/result_writer.hpp"

#include <fcntl.h>
#include <hdf5.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "swsim/io/nc_writer.hpp"
#include "swsim/simulation/indicators.hpp"
#include "swsim/util/error.hpp"
#include "swsim/util/temp_file.hpp"
#include "swsim/util/text.hpp"
#include "swsim/world/geography.hpp"

namespace swsim {
namespace {

constexpr std::array<double, 3> kQuantiles{0.05, 0.5, 0.95};
using io::Attribute;
using io::VarInfo;

struct StaticVar {
  const char* name;
  const char* dims;
  const char* type;
  const char* units;
  const char* long_name;
};

// Everything the file holds besides the per-station per-day metrics (which come from metric_defs()).
const std::vector<StaticVar>& static_vars() {
  static const std::vector<StaticVar> v{
      {"day", "day", "int32", "days since START_DATE", "simulated day (coordinate; decodes to dates)"},
      {"nv", "nv", "int32", "1", "start (0) and end (1) of a cell (coordinate of the bounds)"},
      {"day_bounds", "day, nv", "int32", "days since START_DATE", "start and end of each simulated day"},
      {"station", "station", "int32", "1", "station index in this file (coordinate)"},
      {"area", "area", "int32", "1", "management area index (coordinate)"},
      {"replicate", "replicate", "int32", "1", "replicate index (coordinate; only with run.replicates > 1)"},
      {"quantile", "quantile", "float64", "1", "probability of the ensemble quantiles: 0.05, 0.5, 0.95 (coordinate; only with replicates)"},
      {"replicate_seed", "replicate", "string", "", "run seed of each replicate (decimal; replicate 0 uses run.seed)"},
      {"tmax_c", "day", "float64", "degC", "daily maximum temperature"},
      {"tmin_c", "day", "float64", "degC", "daily minimum temperature"},
      {"rh_pct", "day", "float64", "%", "daily mean relative humidity"},
      {"heat_wave", "day", "int8", "1", "1 on days of a run of >= 3 days with Tmax >= 35 degC"},
      {"heat_warning", "day", "int8", "1", "heat warning level in force: 0 none, 1 yellow, 2 orange, 3 red"},
      {"sauna_day", "day", "int8", "1", "1 when Tmax >= 32 degC and mean relative humidity >= 80 %"},
      {"station_name", "station", "string", "", "station name (Chinese)"},
      {"station_name_en", "station", "string", "", "station name (pinyin)"},
      {"station_code", "station", "int32", "1", "statistical division code of the station's street/town unit (2022; 0 for a user table's site)"},
      {"station_urban", "station", "int8", "1", "1 for an urban street unit, 0 for a town or non-urban street"},
      {"station_mean_home_km", "station", "float64", "km", "mean straight-line distance from the catchment's elders' homes to the station"},
      {"station_global_index", "station", "int32", "1", "index of the station among all 161 in Jinan"},
      {"station_lat", "station", "float64", "degrees_north", "station latitude"},
      {"station_lon", "station", "float64", "degrees_east", "station longitude"},
      {"station_area", "station", "int32", "1", "management area of the station (index on the area dimension)"},
      {"station_elders", "station", "int32", "1", "residents aged 60+ in the station's catchment"},
      {"station_lunch_enrolled", "station", "int32", "1", "elders enrolled in the meal programme (diners and delivered)"},
      {"station_social_workers", "station", "int32", "1", "social workers on the station's staff"},
      {"station_volunteers", "station", "int32", "1", "volunteers on the station's roster"},
      {"station_caseload", "station", "int32", "1", "elders on the station's register (visits, medicine, escorts, check-ins)"},
      {"station_caseload_high", "station", "int32", "1", "high-risk elders on the register"},
      {"station_caseload_key", "station", "int32", "1", "key elders on the register"},
      {"station_children", "station", "int32", "1", "children in difficulty on the station's register"},
      {"station_coverage_500m", "station", "float64", "1", "share of the catchment's elders within 500 m of the station"},
      {"station_coverage_700m", "station", "float64", "1", "share of the catchment's elders within 700 m of the station"},
      {"station_coverage_1km", "station", "float64", "1", "share of the catchment's elders within 1 km of the station"},
      {"area_name", "area", "string", "", "management area name (Chinese)"},
      {"area_name_en", "area", "string", "", "management area name (pinyin)"},
      {"area_lat", "area", "float64", "degrees_north", "area centroid latitude"},
      {"area_lon", "area", "float64", "degrees_east", "area centroid longitude"},
      {"area_population", "area", "float64", "1", "residents (2020 census, scaled to the city total)"},
      {"area_elders", "area", "int32", "1", "residents aged 60+ in the whole area (scale 1)"},
      {"area_stations", "area", "int32", "1", "stations in the area"},
      {"area_stations_simulated", "area", "int32", "1", "stations of the area simulated in this run"},
      {"district", "district", "int32", "1", "district (county-level division) index of the outlines (coordinate)"},
      {"district_name", "district", "string", "", "district name (Chinese) of each outline"},
      {"district_geometry", "", "int32", "1", "CF-1.8 geometry container of the district outlines (polygons)"},
      {"boundary_node_count", "district", "int32", "1", "nodes of each district's outline"},
      {"boundary_part_node_count", "boundary_part", "int32", "1", "nodes of each ring of the outlines"},
      {"boundary_interior_ring", "boundary_part", "int32", "1", "1 for a hole, 0 for an outer ring"},
      {"boundary_x", "boundary_node", "float64", "degrees_east", "longitude of the outline nodes"},
      {"boundary_y", "boundary_node", "float64", "degrees_north", "latitude of the outline nodes"},
      {"y", "y", "float64", "km", "catchment grid cell centre, km north of the projection origin (coordinate)"},
      {"x", "x", "float64", "km", "catchment grid cell centre, km east of the projection origin (coordinate)"},
      {"grid_lat", "y", "float64", "degrees_north", "latitude of the catchment grid rows"},
      {"grid_lon", "x", "float64", "degrees_east", "longitude of the catchment grid columns"},
      {"catchment_station", "y, x", "int16", "1",
       "station (index on the station dimension) whose catchment holds the cell; -1 outside or not simulated"},
      {"catchment_area", "y, x", "int8", "1", "management area holding the cell; -1 outside every area"},
      {"meal_point", "meal_point", "int32", "1", "meal point index in this file (coordinate; grouped by station)"},
      {"meal_point_lat", "meal_point", "float64", "degrees_north", "meal point latitude"},
      {"meal_point_lon", "meal_point", "float64", "degrees_east", "meal point longitude"},
      {"meal_point_station", "meal_point", "int32", "1", "station (index on the station dimension) whose territory holds the point"},
      {"meal_point_canteen", "meal_point", "int8", "1", "1 for a canteen whose kitchen delivers, 0 for a point that serves on site only"},
      {"meal_point_capacity", "meal_point", "int32", "1", "meals the point serves a day (lunch.point_capacity)"},
      {"meal_point_kitchen_staff", "meal_point", "int32", "1", "kitchen staff of the point"},
      {"meal_point_enrolled", "meal_point", "int32", "1", "elders of the meal programme who belong to the point"},
      {"meal_point_delivered", "meal_point", "int32", "1", "of them, homebound elders the point delivers to on ordinary days"},
  };
  return v;
}

// CF standard names (and the cell methods of the weather) of the variables that have one; metrics have
// no CF standard name (counts of services are not in the table).
struct CfName {
  const char* name;
  const char* standard_name;
  const char* cell_methods;
};
constexpr std::array<CfName, 12> kCfNames{{
    {"day", "time", ""},
    {"tmax_c", "air_temperature", "time: maximum"},
    {"tmin_c", "air_temperature", "time: minimum"},
    {"rh_pct", "relative_humidity", "time: mean"},
    {"station_lat", "latitude", ""},
    {"station_lon", "longitude", ""},
    {"area_lat", "latitude", ""},
    {"area_lon", "longitude", ""},
    {"grid_lat", "latitude", ""},
    {"grid_lon", "longitude", ""},
    {"boundary_x", "longitude", ""},
    {"boundary_y", "latitude", ""},
}};

// The auxiliary coordinates of everything on the station dimension: the station's name (the series'
// id, cf_role timeseries_id) and position. xarray makes them coordinates of every station variable.
constexpr const char* kStationCoordinates = "station_name station_lat station_lon";

bool is_station_coordinate(std::string_view name) {
  return name == "station" || name == "station_name" || name == "station_lat" || name == "station_lon";
}

// CF attributes beyond units and long_name that follow from a variable's name and dimensions.
void add_cf_attributes(VarInfo& vi, std::string_view name, std::string_view dims) {
  for (const CfName& c : kCfNames) {
    if (name != c.name) continue;
    vi.extra.push_back(Attribute::Text("standard_name", c.standard_name));
    if (*c.cell_methods) vi.extra.push_back(Attribute::Text("cell_methods", c.cell_methods));
  }
  if (name == "station_name") vi.extra.push_back(Attribute::Text("cf_role", "timeseries_id"));
  if (dims == "station" && !is_station_coordinate(name))
    vi.extra.push_back(Attribute::Text("coordinates", kStationCoordinates));
}

// Units as UDUNITS reads them. Money has no UDUNITS unit: "yuan" is written as "1" with the currency
// (ISO 4217) and the unit people read in `units_label` (the readers show units_label when present).
VarInfo cf_units(VarInfo vi, std::string_view units) {
  if (units == "yuan") {
    vi.units = "1";
    vi.extra.push_back(Attribute::Text("units_label", "yuan"));
    vi.extra.push_back(Attribute::Text("currency", "CNY"));
  } else {
    vi.units = std::string(units);
  }
  return vi;
}

VarInfo info_for(const std::string& name) {
  for (const auto& v : static_vars())
    if (name == v.name) {
      VarInfo vi{v.units, v.long_name, {}};
      add_cf_attributes(vi, name, v.dims);
      return vi;
    }
  for (const auto& m : metric_defs())
    if (name == m.name) return cf_units(VarInfo{{}, std::string(m.long_name), {}}, m.units);
  throw RuntimeError("internal: no schema entry for variable " + name);
}

std::string resolved(const std::string& path) {
  std::error_code ec;
  const auto p = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
  return ec ? path : p.string();
}

std::string lock_name_for(const std::string& path) {
  const std::filesystem::path p(path);
  std::string name = ".";
  name += p.filename().string();
  name += ".lock";
  return (p.parent_path() / name).string();
}

}  // namespace

void check_output_path(const std::string& path, const std::vector<RunInput>& inputs, const char* option) {
  if (path.empty()) throw InputError(std::string(option) + " is empty: give the name of the file to write");
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!parent.empty() && !std::filesystem::is_directory(parent, ec))
    throw InputError(shown(path, 200) + ": output folder " + shown(parent.string(), 200) + " does not exist");
  struct stat out {};
  const bool exists = ::stat(path.c_str(), &out) == 0;
  if (exists && S_ISDIR(out.st_mode)) throw InputError(shown(path, 200) + ": output path is a directory");
  if (exists && !S_ISREG(out.st_mode))
    throw InputError(shown(path, 200) +
                     ": output path is not a regular file (a device, FIFO or socket); swsim writes only regular files");
  const std::string out_resolved = exists ? std::string() : resolved(path);
  for (const auto& in : inputs) {
    if (in.path.empty()) continue;
    struct stat st {};
    const bool same = exists ? ::stat(in.path.c_str(), &st) == 0 && st.st_dev == out.st_dev && st.st_ino == out.st_ino
                             : resolved(in.path) == out_resolved;
    if (same)
      throw InputError(shown(path, 200) + ": the output is " + in.what + " of this run (" + shown(in.path, 200) +
                       "); choose another " + option);
  }
}

PendingOutput::PendingOutput(const std::string& path, const std::vector<RunInput>& inputs)
    : final_(path), temp_(temp_name_for(path)), lock_(lock_name_for(path)) {
  check_output_path(path, inputs);
  // The lock: a file beside the output (the output itself is replaced by a rename, so it cannot hold
  // one). When the lock file was replaced between open and flock (its last holder removed it), retry.
  for (int attempt = 0; attempt < 10 && lock_fd_ < 0; ++attempt) {
    const int fd = ::open(lock_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) throw InputError(shown(path, 200) + ": cannot write in the output folder (" + std::strerror(errno) + ")");
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int err = errno;
      ::close(fd);
      if (err == EWOULDBLOCK)
        throw RuntimeError(shown(path, 200) + ": the output is locked by another swsim run writing it; wait for that "
                           "run or choose another --out");
      throw RuntimeError(shown(path, 200) + ": cannot lock the output (" + std::strerror(err) + ")");
    }
    struct stat held {}, now {};
    if (::fstat(fd, &held) == 0 && ::stat(lock_.c_str(), &now) == 0 && held.st_dev == now.st_dev &&
        held.st_ino == now.st_ino) {
      lock_fd_ = fd;
      const std::string pid = std::to_string(::getpid()) + "\n";
      if (::ftruncate(fd, 0) == 0 && ::write(fd, pid.data(), pid.size()) < 0) {
      }  // the PID is for people only
    } else {
      ::close(fd);
    }
  }
  if (lock_fd_ < 0) throw RuntimeError(shown(path, 200) + ": cannot lock the output (the lock file keeps changing)");
  remove_stale_temp_files(std::filesystem::path(path).parent_path().string());
  std::ofstream probe(temp_, std::ios::binary | std::ios::trunc);
  if (!probe) {
    ::unlink(lock_.c_str());
    ::close(lock_fd_);
    throw InputError(shown(path, 200) + ": cannot write in the output folder");
  }
}

PendingOutput::~PendingOutput() {
  if (!committed_) std::remove(temp_.c_str());
  if (lock_fd_ >= 0) {
    ::unlink(lock_.c_str());  // while still holding the lock: a waiting run then takes a fresh file
    ::close(lock_fd_);
  }
}

void PendingOutput::commit() {
  struct stat st {};
  if (::stat(final_.c_str(), &st) == 0 && !S_ISREG(st.st_mode))  // something else appeared meanwhile
    throw RuntimeError(shown(final_, 200) + ": is no longer a regular file; the result stays in " + temp_);
  std::error_code ec;
  std::filesystem::rename(temp_, final_, ec);
  if (ec) throw RuntimeError(final_ + ": cannot move the finished file into place: " + ec.message());
  committed_ = true;
}

std::uint64_t least_result_bytes(int replicates, int days, int stations, int areas) {
  const auto n = [](int x) { return static_cast<std::uint64_t>(std::max(0, x)); };
  return n(replicates) * kMetricCount * n(days) * (n(stations) + n(areas) + 1) / 2;
}

std::uint64_t free_disk_bytes(const std::string& path) {
  std::filesystem::path folder = std::filesystem::path(path).parent_path();
  if (folder.empty()) folder = ".";
  struct statvfs st {};
  if (::statvfs(folder.c_str(), &st) != 0) return 0;
  return static_cast<std::uint64_t>(st.f_bavail) * static_cast<std::uint64_t>(st.f_frsize);
}

double quantile_of_sorted(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return std::nan("");
  const double h = (static_cast<double>(sorted.size()) - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

namespace {

// The time the file is written, ISO 8601 UTC (ACDD date_created); SOURCE_DATE_EPOCH fixes it for
// reproducible files.
std::string utc_now() {
  std::time_t t = std::time(nullptr);
  if (const char* e = std::getenv("SOURCE_DATE_EPOCH"); e != nullptr && *e) t = static_cast<std::time_t>(std::atoll(e));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Latitude/longitude box of the stations and the district outlines (ACDD geospatial_*).
std::array<double, 4> lat_lon_box(const World& world) {
  std::array<double, 4> b{90, -90, 180, -180};  // lat min, lat max, lon min, lon max
  auto take = [&](double lat, double lon) {
    b[0] = std::min(b[0], lat), b[1] = std::max(b[1], lat), b[2] = std::min(b[2], lon), b[3] = std::max(b[3], lon);
  };
  for (const Station& s : world.stations) take(s.lat, s.lon);
  for (const auto& d : world.district_outlines)
    for (const auto& poly : d.parts)
      for (const geo::Pt& p : poly.outer) {
        double lat, lon;
        km_to_latlon(p.x, p.y, lat, lon);
        take(lat, lon);
      }
  return b;
}

// CF-1.10 and ACDD-1.3 discovery metadata: what, who, when, where, how made.
void write_discovery_attributes(io::NcWriter& out, const Config& cfg, const World& world, const RunInfo& info,
                                int days) {
  const std::string created = utc_now();
  out.global_attribute("Conventions", std::string("CF-1.10, ACDD-1.3"));
  out.global_attribute("featureType", std::string("timeSeries"));
  out.global_attribute("cdm_data_type", std::string("Station"));
  out.global_attribute("title", std::string("swsim: social work station coverage in Jinan (济南社工站高温情景模拟)"));
  out.global_attribute("summary", std::string(
      "Agent-based simulation of Jinan's street/town social work stations (社工站) through a summer: lunch delivery "
      "to homebound elders, visits, medicine and escorts, heat illness, volunteers and staffing. Daily series per "
      "station at the root (one time series per station); sums per management area in group /areas and for the "
      "city in group /city; derived indicators in group /indicators. Synthetic population, not observations."));
  out.global_attribute("keywords", std::string(
      "social work stations, elderly care, heat waves, heat illness, meal delivery, volunteers, staffing, "
      "agent-based model, Jinan, 社工站, 高温"));
  out.global_attribute("institution", std::string("swsim developers"));
  out.global_attribute("creator_name", std::string("swsim developers"));
  out.global_attribute("creator_type", std::string("group"));
  out.global_attribute("source", std::string("swsim ") + info.version + " (agent-based simulation model output)");
  out.global_attribute("history", created + " swsim " + info.version + ": " + info.command_line);
  out.global_attribute("date_created", created);
  out.global_attribute("product_version", info.version);
  out.global_attribute("processing_level", std::string("model output (simulation of a scenario)"));
  out.global_attribute("license", std::string("no licence chosen yet: all rights reserved by the swsim developers "
                                              "(see /usr/share/doc/swsim/copyright)"));
  out.global_attribute("references", std::string(
      "model description (ODD protocol): docs/odd.md; parameter sources: docs/sources.md; file schema: "
      "docs/hdf5-schema.md (installed under share/doc/swsim/docs)"));
  out.global_attribute("standard_name_vocabulary", std::string("CF Standard Name Table v79"));
  const std::int64_t first = days_from_civil(cfg.run.start_date);
  out.global_attribute("time_coverage_start", format_date(cfg.run.start_date) + "T00:00:00");
  out.global_attribute("time_coverage_end", format_date(civil_from_days(first + days)) + "T00:00:00");
  out.global_attribute("time_coverage_duration", "P" + std::to_string(days) + "D");
  out.global_attribute("time_coverage_resolution", std::string("P1D"));
  const auto box = lat_lon_box(world);
  out.global_attribute("geospatial_lat_min", box[0]);
  out.global_attribute("geospatial_lat_max", box[1]);
  out.global_attribute("geospatial_lon_min", box[2]);
  out.global_attribute("geospatial_lon_max", box[3]);
  out.global_attribute("geospatial_lat_units", std::string("degrees_north"));
  out.global_attribute("geospatial_lon_units", std::string("degrees_east"));
  char wkt[256];
  std::snprintf(wkt, sizeof wkt, "POLYGON ((%.4f %.4f, %.4f %.4f, %.4f %.4f, %.4f %.4f, %.4f %.4f))", box[0], box[2],
                box[0], box[3], box[1], box[3], box[1], box[2], box[0], box[2]);
  out.global_attribute("geospatial_bounds", std::string(wkt));
  out.global_attribute("geospatial_bounds_crs", std::string("EPSG:4326"));
}

void write_global_attributes(io::NcWriter& out, const Scenario& scenario, const World& world, const RunInfo& info,
                             std::size_t n_rep, int days) {
  const Config& cfg = scenario.config;
  write_discovery_attributes(out, cfg, world, info, days);
  out.global_attribute("swsim_version", info.version);
  out.global_attribute("command_line", info.command_line);
  if (info.live_days_total > 0) {  // a snapshot of a run still going (swsim run --live)
    out.global_attribute("live_status", std::string("running"));
    out.global_attribute("live_days_done", static_cast<std::int64_t>(days));
    out.global_attribute("live_days_total", static_cast<std::int64_t>(info.live_days_total));
  }
  out.global_attribute("scenario", scenario.effective_ini);
  out.global_attribute("scenario_file", scenario.source);
  out.global_attribute("seed", static_cast<std::int64_t>(cfg.run.seed));
  out.global_attribute("replicates", static_cast<std::int64_t>(n_rep));
  out.global_attribute("world_seed", static_cast<std::int64_t>(cfg.world.seed));
  out.global_attribute("scale", cfg.run.scale);
  out.global_attribute("start_date", format_date(cfg.run.start_date));
  out.global_attribute("projection", std::string("local equirectangular: x = (lon - lon0) * 111.320 * cos(lat0) km, "
                                                 "y = (lat - lat0) * 110.574 km"));
  out.global_attribute("projection_origin_lat", kOriginLat);
  out.global_attribute("projection_origin_lon", kOriginLon);
}

std::vector<std::int32_t> iota(std::size_t n) {
  std::vector<std::int32_t> idx(n);
  for (std::size_t i = 0; i < n; ++i) idx[i] = static_cast<std::int32_t>(i);
  return idx;
}

// The day axis of `group` ("" = root): days since the start date, decoded to dates by netCDF readers,
// each day the cell [d, d + 1) (day_bounds), which the cell methods of the daily values refer to.
void write_day_axis(io::NcWriter& out, const Config& cfg, int days, const std::string& group) {
  VarInfo day_info = info_for("day");
  day_info.units = "days since " + format_date(cfg.run.start_date);
  day_info.extra.push_back(Attribute::Text("calendar", "standard"));
  day_info.extra.push_back(Attribute::Text("axis", "T"));
  day_info.extra.push_back(Attribute::Text("bounds", "day_bounds"));
  out.dimension("day", iota(static_cast<std::size_t>(days)), day_info, group);
  std::vector<std::int32_t> bounds;
  for (std::int32_t d = 0; d < days; ++d) bounds.insert(bounds.end(), {d, d + 1});
  // CF: the bounds inherit units and calendar from the day coordinate.
  out.variable("day_bounds", {"day", "nv"}, bounds, VarInfo{day_info.units, info_for("day_bounds").long_name, {}},
               group);
}

// The replicate and quantile axes of `group` ("" = root), when the file holds several replicates.
void write_replicate_axes(io::NcWriter& out, std::size_t n_rep, const std::string& group) {
  if (n_rep < 2) return;
  out.dimension("replicate", iota(n_rep), info_for("replicate"), group);
  out.dimension("quantile", std::vector<double>(kQuantiles.begin(), kQuantiles.end()), info_for("quantile"), group);
}

void write_dimensions(io::NcWriter& out, const Config& cfg, const World& world, std::size_t n_rep,
                      const std::vector<std::uint64_t>& replicate_seeds, int days) {
  out.dimension("nv", iota(2), info_for("nv"));
  write_day_axis(out, cfg, days, "");
  out.dimension("station", iota(world.stations.size()), info_for("station"));
  out.dimension("area", iota(world.areas.size()), info_for("area"));
  write_replicate_axes(out, n_rep, "");
  if (n_rep > 1) {
    std::vector<std::string> seeds;
    for (std::uint64_t sd : replicate_seeds) seeds.push_back(std::to_string(sd));
    out.variable("replicate_seed", {"replicate"}, seeds, info_for("replicate_seed"));
  }
}

VarInfo with_flags(VarInfo vi, std::vector<std::int64_t> values, const char* meanings) {
  vi.extra = {Attribute::IntList("flag_values", std::move(values)), Attribute::Text("flag_meanings", meanings)};
  return vi;
}

void write_weather(io::NcWriter& out, const std::vector<WeatherDay>& weather, int days) {
  std::vector<double> tmax, tmin, rh;
  std::vector<std::int8_t> wave, warn, sauna;
  for (int d = 0; d < days; ++d) {
    const auto& w = weather[static_cast<std::size_t>(d)];
    tmax.push_back(w.tmax_c);
    tmin.push_back(w.tmin_c);
    rh.push_back(w.rh_pct);
    wave.push_back(w.heat_wave);
    warn.push_back(static_cast<std::int8_t>(w.warning));
    sauna.push_back(w.sauna);
  }
  out.variable("tmax_c", {"day"}, tmax, info_for("tmax_c"));
  out.variable("tmin_c", {"day"}, tmin, info_for("tmin_c"));
  out.variable("rh_pct", {"day"}, rh, info_for("rh_pct"));
  out.variable("heat_wave", {"day"}, wave, with_flags(info_for("heat_wave"), {0, 1}, "no heat_wave"));
  out.variable("heat_warning", {"day"}, warn,
               with_flags(info_for("heat_warning"), {0, 1, 2, 3}, "none yellow orange red"));
  out.variable("sauna_day", {"day"}, sauna, with_flags(info_for("sauna_day"), {0, 1}, "no sauna_day"));
}

// A metric's own attributes (beyond units and long_name): what the readers label, colour and add up by,
// and the CF cell method of a daily value: a flow is the day's total ("time: sum" over the day's cell
// day_bounds), a stock the level at the end of the day ("time: point"). `coordinates` names the
// auxiliary coordinates of the level (station, area or none for the city).
VarInfo metric_info(const MetricDef& def, const std::string& long_name, const char* coordinates) {
  VarInfo vi = cf_units(VarInfo{{}, long_name, {}}, def.units);
  vi.extra.push_back(Attribute::Text("cell_methods", def.aggregation == Aggregation::kFlow ? "time: sum" : "time: point"));
  if (*coordinates) vi.extra.push_back(Attribute::Text("coordinates", coordinates));
  for (Attribute a : {Attribute::Text("label", std::string(def.label)), Attribute::Text("label_zh", std::string(def.label_zh)),
                      Attribute::Text("direction", std::string(direction_name(def.direction))),
                      Attribute::Text("aggregation", std::string(aggregation_name(def.aggregation)))})
    vi.extra.push_back(std::move(a));
  return vi;
}

// The attributes of NAME_mean and NAME_quantile: the metric's, with the long name saying which summary.
VarInfo mean_info(const VarInfo& vi) {
  return VarInfo{vi.units, vi.long_name + " (mean over replicates)", vi.extra};
}
VarInfo quantile_info(const VarInfo& vi) {
  return VarInfo{vi.units, vi.long_name + " (5, 50 and 95 % quantiles over replicates)", vi.extra};
}

std::vector<std::string> leading(const char* first, const std::vector<std::string>& dims) {
  std::vector<std::string> d{first};
  d.insert(d.end(), dims.begin(), dims.end());
  return d;
}

// The summaries of one cell over replicates, as the file holds them: the mean (summed in replicate
// order) and the 5/50/95 % quantiles. `column` holds the cell's value in every replicate (it is sorted).
void summarise_cell(std::vector<double>& column, double& mean, double* quant, std::size_t quant_stride) {
  mean = 0.0;
  for (double v : column) mean += v;  // replicate order: deterministic
  mean /= static_cast<double>(column.size());
  std::sort(column.begin(), column.end());
  for (std::size_t q = 0; q < kQuantiles.size(); ++q) quant[q * quant_stride] = quantile_of_sorted(column, kQuantiles[q]);
}

// One metric variable; with replicates it gains a leading replicate dimension, plus NAME_mean and
// NAME_quantile (5/50/95 %) summaries.
void emit_metric(io::NcWriter& out, const std::string& name, const std::vector<std::string>& dims,
                 const std::vector<std::span<const double>>& per_rep, bool integer, const VarInfo& vi,
                 const std::string& group) {
  const std::size_t n_rep = per_rep.size();
  if (n_rep == 1) {
    if (integer) out.variable(name, dims, std::vector<std::int32_t>(per_rep[0].begin(), per_rep[0].end()), vi, group);
    else out.variable(name, dims, per_rep[0], vi, group);
    return;
  }
  const std::size_t cells = per_rep[0].size();
  std::vector<double> all, mean(cells, 0.0), quant(kQuantiles.size() * cells);
  for (const auto& r : per_rep) all.insert(all.end(), r.begin(), r.end());
  std::vector<double> column(n_rep);
  for (std::size_t c = 0; c < cells; ++c) {
    for (std::size_t r = 0; r < n_rep; ++r) column[r] = per_rep[r][c];
    summarise_cell(column, mean[c], &quant[c], cells);
  }
  const std::vector<std::string> rep_dims = leading("replicate", dims);
  if (integer) out.variable(name, rep_dims, std::vector<std::int32_t>(all.begin(), all.end()), vi, group);
  else out.variable(name, rep_dims, all, vi, group);
  out.variable(name + "_mean", dims, mean, mean_info(vi), group);
  out.variable(name + "_quantile", leading("quantile", dims), quant, quantile_info(vi), group);
}

// The per-area and city sums of one metric, in a fixed order (stations in index order within an area,
// areas in index order for the city), so counts add up exactly.
void sum_metric(const World& world, std::span<const double> series, int days, std::vector<double>& by_area,
                std::vector<double>& city) {
  const std::size_t n_st = world.stations.size(), n_ar = world.areas.size();
  std::vector<std::size_t> area_of(n_st);  // read once, not once per day
  for (std::size_t s = 0; s < n_st; ++s) area_of[s] = static_cast<std::size_t>(world.stations[s].area);
  by_area.assign(static_cast<std::size_t>(days) * n_ar, 0.0);
  city.assign(static_cast<std::size_t>(days), 0.0);
  for (std::size_t d = 0; d < static_cast<std::size_t>(days); ++d) {
    for (std::size_t s = 0; s < n_st; ++s) by_area[d * n_ar + area_of[s]] += series[d * n_st + s];
    for (std::size_t a = 0; a < n_ar; ++a) city[d] += by_area[d * n_ar + a];
  }
}

// The axes of the aggregate groups: each group carries its own day (and replicate/quantile) axis and
// /areas its area axis with the areas' names, so xarray's open_dataset(file, group="areas") decodes dates
// and labels areas by itself.
void write_aggregate_axes(io::NcWriter& out, const Config& cfg, const World& world, std::size_t n_rep, int days) {
  write_day_axis(out, cfg, days, "areas");
  out.dimension("area", iota(world.areas.size()), info_for("area"), "areas");
  std::vector<std::string> names, names_en;
  for (const Area& a : world.areas) names.push_back(a.name_zh), names_en.push_back(a.name_en);
  out.variable("area_name", {"area"}, names, info_for("area_name"), "areas");
  out.variable("area_name_en", {"area"}, names_en, info_for("area_name_en"), "areas");
  write_replicate_axes(out, n_rep, "areas");
  write_day_axis(out, cfg, days, "city");
  write_replicate_axes(out, n_rep, "city");
}

// The three levels every metric is written at: per station at the root, summed per management area in
// /areas and over all simulated stations in /city.
struct MetricLevel {
  const char* group;
  std::vector<std::string> dims;  // without the replicate dimension
  const char* long_name_suffix;
  const char* coordinates;
};
const std::array<MetricLevel, 3>& metric_levels() {
  static const std::array<MetricLevel, 3> levels{{
      {"", {"day", "station"}, "", kStationCoordinates},
      {"areas", {"day", "area"}, ", summed over the area's stations", "area_name"},
      {"city", {"day"}, ", summed over all simulated stations", ""},
  }};
  return levels;
}

VarInfo level_info(const MetricDef& def, const MetricLevel& level) {
  return metric_info(def, std::string(def.long_name) + level.long_name_suffix, level.coordinates);
}

// Every metric per station at the root (a CF timeSeries per station), and summed per management area
// (group /areas) and over all simulated stations (group /city) under the same names.
void write_metrics(io::NcWriter& out, const Config& cfg, const World& world, const std::vector<const Results*>& reps,
                   int days) {
  const std::size_t n_rep = reps.size();
  std::vector<std::vector<std::vector<double>>> by_area(kMetricCount), city(kMetricCount);
  std::vector<std::span<const double>> station(n_rep), area_sums(n_rep);
  for (const MetricDef& def : metric_defs()) {
    const auto m = static_cast<std::size_t>(def.id);
    by_area[m].resize(n_rep);
    city[m].resize(n_rep);
    for (std::size_t r = 0; r < n_rep; ++r) {
      station[r] = reps[r]->series(def.id);  // the replicate's own series: no copy
      sum_metric(world, station[r], days, by_area[m][r], city[m][r]);
    }
    emit_metric(out, std::string(def.name), metric_levels()[0].dims, station, def.integer,
                level_info(def, metric_levels()[0]), "");
  }
  write_aggregate_axes(out, cfg, world, n_rep, days);
  for (std::size_t l = 1; l < metric_levels().size(); ++l)
    for (const MetricDef& def : metric_defs()) {
      const auto& sums = (l == 1 ? by_area : city)[static_cast<std::size_t>(def.id)];
      for (std::size_t r = 0; r < n_rep; ++r) area_sums[r] = sums[r];
      emit_metric(out, std::string(def.name), metric_levels()[l].dims, area_sums, def.integer,
                  level_info(def, metric_levels()[l]), metric_levels()[l].group);
    }
}

// The streamed ensemble file (EnsembleFileWriter): each replicate's slab of a metric is one chunk row
// (replicate extent 1, `days` days deep) so it is written whole as it arrives; the summaries then read
// the slabs back a block of days at a time, every replicate's chunk of the block once.
constexpr std::uint64_t kSummaryBlockBytes = std::uint64_t{16} << 20;  // all replicates of one block
constexpr std::uint64_t kMaxSlabChunkBytes = std::uint64_t{1} << 20;   // one replicate's chunk

// Days per block (and per chunk) of a level with `cols` values a day, for `n_rep` replicates.
std::uint64_t block_days(std::size_t n_rep, int days, std::size_t cols) {
  const std::uint64_t day_bytes = std::max<std::size_t>(cols, 1) * sizeof(double);
  const std::uint64_t by_summary = kSummaryBlockBytes / (day_bytes * std::max<std::size_t>(n_rep, 1));
  const std::uint64_t by_chunk = kMaxSlabChunkBytes / day_bytes;
  return std::clamp<std::uint64_t>(std::min(by_summary, by_chunk), 1, static_cast<std::uint64_t>(std::max(days, 1)));
}

std::size_t level_cols(const World& world, std::size_t level) {
  return level == 0 ? world.stations.size() : level == 1 ? world.areas.size() : 1;
}

// An index (or extent) on a level's dimensions after a leading one: (lead, day, col), or (lead, day) for
// the city, which has no column dimension.
std::vector<std::uint64_t> at(const MetricLevel& level, std::uint64_t lead, std::uint64_t day, std::uint64_t col) {
  if (level.dims.size() == 1) return {lead, day};
  return {lead, day, col};
}

// The metric variables of a streamed ensemble, declared in the order write_metrics writes them.
void declare_metrics(io::NcWriter& out, const Config& cfg, const World& world, std::size_t n_rep, int days) {
  for (std::size_t l = 0; l < metric_levels().size(); ++l) {
    const MetricLevel& level = metric_levels()[l];
    if (l == 1) write_aggregate_axes(out, cfg, world, n_rep, days);
    const std::size_t cols = level_cols(world, l);
    const std::vector<std::uint64_t> chunk = at(level, 1, block_days(n_rep, days, cols), cols);
    for (const MetricDef& def : metric_defs()) {
      const std::string name(def.name);
      const VarInfo vi = level_info(def, level);
      out.declare(name, leading("replicate", level.dims), def.integer, vi, level.group, chunk);
      out.declare(name + "_mean", level.dims, false, mean_info(vi), level.group);
      out.declare(name + "_quantile", leading("quantile", level.dims), false, quantile_info(vi), level.group);
    }
  }
}

// NAME_mean and NAME_quantile of one streamed metric, from its replicate slabs read back block by block.
void summarise_streamed(io::NcWriter& out, const std::string& name, const MetricLevel& level, std::size_t cols,
                        std::size_t n_rep, int days) {
  const std::size_t cells = static_cast<std::size_t>(days) * cols;
  std::vector<double> mean(cells), quant(kQuantiles.size() * cells), block, column(n_rep);
  const std::uint64_t step = block_days(n_rep, days, cols);
  for (std::uint64_t d0 = 0; d0 < static_cast<std::uint64_t>(days); d0 += step) {
    const std::uint64_t nb = std::min<std::uint64_t>(step, static_cast<std::uint64_t>(days) - d0);
    out.read_block(name, level.group, at(level, 0, d0, 0), at(level, n_rep, nb, cols), block);
    const std::size_t block_cells = static_cast<std::size_t>(nb) * cols, first = static_cast<std::size_t>(d0) * cols;
    for (std::size_t c = 0; c < block_cells; ++c) {
      for (std::size_t r = 0; r < n_rep; ++r) column[r] = block[r * block_cells + c];
      summarise_cell(column, mean[first + c], &quant[first + c], cells);
    }
  }
  std::vector<std::uint64_t> origin = at(level, 0, 0, 0), extent = at(level, kQuantiles.size(), days, cols);
  out.write_block(name + "_quantile", level.group, origin, extent, quant);
  origin.erase(origin.begin());
  extent.erase(extent.begin());
  out.write_block(name + "_mean", level.group, origin, extent, mean);
}

template <class T, class F>
std::vector<T> per_station(const World& world, F f) {
  std::vector<T> v;
  v.reserve(world.stations.size());
  for (const Station& s : world.stations) v.push_back(static_cast<T>(f(s)));
  return v;
}

void write_station_facts(io::NcWriter& out, const World& world) {
  auto count_tier = [&](const Station& s, RiskTier t) {
    std::int32_t n = 0;
    for (std::uint32_t c = s.caseload_begin; c < s.caseload_end; ++c) n += world.caseload.tier[c] == t;
    return n;
  };
  using I = std::int32_t;
  out.variable("station_name", {"station"}, per_station<std::string>(world, [](const Station& s) { return s.name_zh; }), info_for("station_name"));
  out.variable("station_name_en", {"station"}, per_station<std::string>(world, [](const Station& s) { return s.name_en; }), info_for("station_name_en"));
  out.variable("station_code", {"station"}, per_station<I>(world, [](const Station& s) { return s.code; }), info_for("station_code"));
  out.variable("station_urban", {"station"}, per_station<std::int8_t>(world, [](const Station& s) { return s.urban ? 1 : 0; }), info_for("station_urban"));
  out.variable("station_mean_home_km", {"station"}, per_station<double>(world, [](const Station& s) { return s.mean_home_km; }), info_for("station_mean_home_km"));
  out.variable("station_global_index", {"station"}, per_station<I>(world, [](const Station& s) { return s.global_index; }), info_for("station_global_index"));
  out.variable("station_lat", {"station"}, per_station<double>(world, [](const Station& s) { return s.lat; }), info_for("station_lat"));
  out.variable("station_lon", {"station"}, per_station<double>(world, [](const Station& s) { return s.lon; }), info_for("station_lon"));
  out.variable("station_area", {"station"}, per_station<I>(world, [](const Station& s) { return s.area; }), info_for("station_area"));
  out.variable("station_elders", {"station"}, per_station<I>(world, [](const Station& s) { return s.elder_end - s.elder_begin; }), info_for("station_elders"));
  out.variable("station_lunch_enrolled", {"station"}, per_station<I>(world, [](const Station& s) { return s.enrolled_end - s.enrolled_begin; }), info_for("station_lunch_enrolled"));
  out.variable("station_social_workers", {"station"}, per_station<I>(world, [](const Station& s) { return s.social_workers; }), info_for("station_social_workers"));
  out.variable("station_volunteers", {"station"}, per_station<I>(world, [](const Station& s) { return s.volunteer_end - s.volunteer_begin; }), info_for("station_volunteers"));
  out.variable("station_caseload", {"station"}, per_station<I>(world, [](const Station& s) { return s.caseload_end - s.caseload_begin; }), info_for("station_caseload"));
  out.variable("station_caseload_high", {"station"}, per_station<I>(world, [&](const Station& s) { return count_tier(s, RiskTier::kHigh); }), info_for("station_caseload_high"));
  out.variable("station_caseload_key", {"station"}, per_station<I>(world, [&](const Station& s) { return count_tier(s, RiskTier::kKey); }), info_for("station_caseload_key"));
  out.variable("station_children", {"station"}, per_station<I>(world, [](const Station& s) { return s.children_end - s.children_begin; }), info_for("station_children"));
  out.variable("station_coverage_500m", {"station"}, per_station<double>(world, [](const Station& s) { return s.coverage_500m; }), info_for("station_coverage_500m"));
  out.variable("station_coverage_700m", {"station"}, per_station<double>(world, [](const Station& s) { return s.coverage_700m; }), info_for("station_coverage_700m"));
  out.variable("station_coverage_1km", {"station"}, per_station<double>(world, [](const Station& s) { return s.coverage_1km; }), info_for("station_coverage_1km"));
}

template <class T, class F>
std::vector<T> per_area(const World& world, F f) {
  std::vector<T> v;
  for (const Area& a : world.areas) v.push_back(static_cast<T>(f(a)));
  return v;
}

void write_area_facts(io::NcWriter& out, const World& world) {
  using I = std::int32_t;
  out.variable("area_name", {"area"}, per_area<std::string>(world, [](const Area& a) { return a.name_zh; }), info_for("area_name"));
  out.variable("area_name_en", {"area"}, per_area<std::string>(world, [](const Area& a) { return a.name_en; }), info_for("area_name_en"));
  out.variable("area_lat", {"area"}, per_area<double>(world, [](const Area& a) { return a.lat; }), info_for("area_lat"));
  out.variable("area_lon", {"area"}, per_area<double>(world, [](const Area& a) { return a.lon; }), info_for("area_lon"));
  out.variable("area_population", {"area"}, per_area<double>(world, [](const Area& a) { return a.population; }), info_for("area_population"));
  out.variable("area_elders", {"area"}, per_area<I>(world, [](const Area& a) { return a.elders_full; }), info_for("area_elders"));
  out.variable("area_stations", {"area"}, per_area<I>(world, [](const Area& a) { return a.stations_total; }), info_for("area_stations"));
  out.variable("area_stations_simulated", {"area"}, per_area<I>(world, [](const Area& a) { return a.stations_simulated; }), info_for("area_stations_simulated"));
}

// The meal points (world/meal_points), for maps: site, station, kind, capacity, enrolment.
void write_meal_points(io::NcWriter& out, const World& world) {
  const MealPoints& mp = world.meal_points;
  std::vector<double> lat, lon;
  std::vector<std::int32_t> station, capacity, staff, enrolled, delivered;
  std::vector<std::int8_t> canteen;
  for (std::size_t p = 0; p < mp.size(); ++p) {
    double la, lo;
    km_to_latlon(mp.x_km[p], mp.y_km[p], la, lo);
    lat.push_back(la);
    lon.push_back(lo);
    station.push_back(mp.station[p]);
    canteen.push_back(static_cast<std::int8_t>(mp.canteen[p]));
    capacity.push_back(mp.capacity[p]);
    staff.push_back(mp.kitchen_staff[p]);
    enrolled.push_back(static_cast<std::int32_t>(mp.enrolled_end[p] - mp.enrolled_begin[p]));
    delivered.push_back(mp.delivered[p]);
  }
  out.dimension("meal_point", iota(mp.size()), info_for("meal_point"));
  out.variable("meal_point_lat", {"meal_point"}, lat, info_for("meal_point_lat"));
  out.variable("meal_point_lon", {"meal_point"}, lon, info_for("meal_point_lon"));
  out.variable("meal_point_station", {"meal_point"}, station, info_for("meal_point_station"));
  out.variable("meal_point_canteen", {"meal_point"}, canteen, info_for("meal_point_canteen"));
  out.variable("meal_point_capacity", {"meal_point"}, capacity, info_for("meal_point_capacity"));
  out.variable("meal_point_kitchen_staff", {"meal_point"}, staff, info_for("meal_point_kitchen_staff"));
  out.variable("meal_point_enrolled", {"meal_point"}, enrolled, info_for("meal_point_enrolled"));
  out.variable("meal_point_delivered", {"meal_point"}, delivered, info_for("meal_point_delivered"));
}

void write_catchment_grid(io::NcWriter& out, const CatchmentGrid& g) {
  std::vector<double> ys, xs, glat, glon;
  for (int iy = 0; iy < g.ny; ++iy) {
    ys.push_back(g.y0_km + iy * g.cell_km);
    double la, lo;
    km_to_latlon(0, ys.back(), la, lo);
    glat.push_back(la);
  }
  for (int ix = 0; ix < g.nx; ++ix) {
    xs.push_back(g.x0_km + ix * g.cell_km);
    double la, lo;
    km_to_latlon(xs.back(), 0, la, lo);
    glon.push_back(lo);
  }
  VarInfo yi = info_for("y"), xi = info_for("x");
  yi.extra.push_back(Attribute::Text("axis", "Y"));
  xi.extra.push_back(Attribute::Text("axis", "X"));
  out.dimension("y", ys, yi);
  out.dimension("x", xs, xi);
  out.variable("grid_lat", {"y"}, glat, info_for("grid_lat"));
  out.variable("grid_lon", {"x"}, glon, info_for("grid_lon"));
  VarInfo cs = info_for("catchment_station");
  cs.extra.push_back(Attribute::Text("coordinates", "grid_lat grid_lon"));
  out.variable("catchment_station", {"y", "x"}, g.station, cs);
  VarInfo ca = info_for("catchment_area");
  ca.extra.push_back(Attribute::Text("coordinates", "grid_lat grid_lon"));
  out.variable("catchment_area", {"y", "x"}, g.area, ca);
}

// The district outlines the world was built in, as CF-1.8 polygon geometries (node_count, part_node_count,
// interior_ring), so viewers draw the same outlines the simulation used.
void write_district_outlines(io::NcWriter& out, const World& world) {
  if (world.district_outlines.empty()) return;
  std::vector<std::string> names;
  std::vector<std::int32_t> node_count, part_nodes, interior, ids;
  std::vector<double> xs, ys;
  for (std::size_t d = 0; d < world.district_outlines.size(); ++d) {
    names.emplace_back(jinan_areas()[d].name_zh);
    ids.push_back(static_cast<std::int32_t>(d));
    std::int32_t nodes = 0;
    for (const auto& poly : world.district_outlines[d].parts) {
      auto ring_out = [&](const geo::Ring& r, bool hole) {
        for (const geo::Pt& p : r) {
          double lat, lon;
          km_to_latlon(p.x, p.y, lat, lon);
          xs.push_back(lon);
          ys.push_back(lat);
        }
        part_nodes.push_back(static_cast<std::int32_t>(r.size()));
        interior.push_back(hole ? 1 : 0);
        nodes += static_cast<std::int32_t>(r.size());
      };
      ring_out(poly.outer, false);
      for (const auto& h : poly.holes) ring_out(h, true);
    }
    node_count.push_back(nodes);
  }
  out.dimension("district", ids, info_for("district"));
  out.dimension("boundary_part", iota(part_nodes.size()), VarInfo{"1", "ring of the district outlines (coordinate)", {}});
  out.dimension("boundary_node", iota(xs.size()), VarInfo{"1", "node of the district outlines (coordinate)", {}});
  out.variable("district_name", {"district"}, names, info_for("district_name"));
  VarInfo gi = info_for("district_geometry");
  gi.extra = {Attribute::Text("geometry_type", "polygon"), Attribute::Text("node_count", "boundary_node_count"),
              Attribute::Text("node_coordinates", "boundary_x boundary_y"),
              Attribute::Text("part_node_count", "boundary_part_node_count"),
              Attribute::Text("interior_ring", "boundary_interior_ring")};
  out.variable("district_geometry", {}, std::vector<std::int32_t>{0}, gi);
  out.variable("boundary_node_count", {"district"}, node_count, info_for("boundary_node_count"));
  out.variable("boundary_part_node_count", {"boundary_part"}, part_nodes, info_for("boundary_part_node_count"));
  out.variable("boundary_interior_ring", {"boundary_part"}, interior, info_for("boundary_interior_ring"));
  VarInfo xi = info_for("boundary_x"), yi = info_for("boundary_y");
  xi.extra.push_back(Attribute::Text("axis", "X"));
  yi.extra.push_back(Attribute::Text("axis", "Y"));
  out.variable("boundary_x", {"boundary_node"}, xs, xi);
  out.variable("boundary_y", {"boundary_node"}, ys, yi);
}

std::string metric_list(const std::vector<Metric>& ms) {
  std::string s;
  for (Metric m : ms) {
    if (!s.empty()) s += ' ';
    s += metric_def(m).name;
  }
  return s;
}

// The derived indicators (indicators.hpp), one container variable each in the group "indicators".
void write_indicators(io::NcWriter& out) {
  for (const IndicatorDef& ind : indicator_defs())
    out.container("indicators", std::string(ind.name),
                  cf_units(VarInfo{{}, std::string(ind.long_name),
                          {Attribute::Text("formula", ind.formula()), Attribute::Text("numerator", metric_list(ind.numerator)),
                           Attribute::Text("denominator", metric_list(ind.denominator)), Attribute::Real("scale", ind.scale),
                           Attribute::Int("decimals", ind.decimals), Attribute::Text("label", std::string(ind.label)),
                           Attribute::Text("label_zh", std::string(ind.label_zh)),
                           Attribute::Text("direction", std::string(direction_name(ind.direction))),
                           Attribute::Int("key", ind.key ? 1 : 0)}},
                           ind.units));
}

// The variables and attributes a command adds (RunInfo::station_extra, extra_attributes).
void write_extras(io::NcWriter& out, const RunInfo& info) {
  for (const auto& [name, value] : info.extra_attributes) out.global_attribute(name, value);
  for (const ExtraStationVariable& x : info.station_extra) {
    VarInfo vi = cf_units(VarInfo{{}, x.long_name, {}}, x.units);
    add_cf_attributes(vi, x.name, "station");
    vi.extra.push_back(Attribute::Text("label", x.label));
    vi.extra.push_back(Attribute::Text("label_zh", x.label_zh));
    if (!x.integer) {
      out.variable(x.name, {"station"}, x.values, vi);
      continue;
    }
    std::vector<std::int32_t> v;
    for (double d : x.values) v.push_back(static_cast<std::int32_t>(std::lround(d)));
    out.variable(x.name, {"station"}, v, vi);
  }
}

// The whole file in its order; `metrics` writes (or declares) the metric variables.
void write_file(io::NcWriter& out, const Scenario& scenario, const World& world, const std::vector<WeatherDay>& weather,
                const std::vector<std::uint64_t>& seeds, std::size_t n_rep, int days, const RunInfo& info,
                const std::function<void()>& metrics) {
  write_global_attributes(out, scenario, world, info, n_rep, days);
  write_dimensions(out, scenario.config, world, n_rep, seeds, days);
  write_weather(out, weather, days);
  metrics();
  write_station_facts(out, world);
  write_extras(out, info);
  write_area_facts(out, world);
  write_catchment_grid(out, world.grid);
  write_meal_points(out, world);
  write_district_outlines(out, world);
  write_indicators(out);
}

// A file of the replicates `reps` (run with `seeds`), read where they are.
void write_replicates(const std::string& path, const Scenario& scenario, const World& world,
                      const std::vector<WeatherDay>& weather, const std::vector<std::uint64_t>& seeds,
                      const std::vector<const Results*>& reps, const RunInfo& info) {
  if (reps.empty()) throw RuntimeError("internal: no replicate to write");
  const int days = reps[0]->days();
  io::NcWriter out(path);
  write_file(out, scenario, world, weather, seeds, reps.size(), days, info,
             [&] { write_metrics(out, scenario.config, world, reps, days); });
  out.close();
}

}  // namespace

void write_results(const std::string& path, const Scenario& scenario, const World& world,
                   const std::vector<WeatherDay>& weather, const Ensemble& ensemble, const RunInfo& info) {
  std::vector<const Results*> reps;
  for (const Results& r : ensemble.replicates) reps.push_back(&r);
  write_replicates(path, scenario, world, weather, ensemble.seeds, reps, info);
}

void write_results(const std::string& path, const Scenario& scenario, const World& world,
                   const std::vector<WeatherDay>& weather, const Results& results, const RunInfo& info) {
  write_replicates(path, scenario, world, weather, {scenario.config.run.seed}, {&results}, info);
}

struct EnsembleFileWriter::Impl {
  io::NcWriter out;
  const World& world;
  int days = 0;
  std::size_t n_rep = 0;
  std::vector<bool> added;
  std::vector<double> by_area, city;  // one replicate's sums of one metric
  Impl(const std::string& path, const World& w) : out(path), world(w) {}
};

EnsembleFileWriter::EnsembleFileWriter(const std::string& path, const Scenario& scenario, const World& world,
                                       const std::vector<WeatherDay>& weather, const std::vector<std::uint64_t>& seeds,
                                       const RunInfo& info)
    : impl_(std::make_unique<Impl>(path, world)) {
  Impl& im = *impl_;
  im.days = scenario.config.run.days;
  im.n_rep = seeds.size();
  if (im.n_rep < 2) throw RuntimeError("internal: a streamed ensemble file needs at least 2 replicates");
  if (weather.size() < static_cast<std::size_t>(im.days)) throw RuntimeError("internal: weather shorter than the run");
  im.added.assign(im.n_rep, false);
  write_file(im.out, scenario, world, weather, seeds, im.n_rep, im.days, info,
             [&] { declare_metrics(im.out, scenario.config, world, im.n_rep, im.days); });
}

EnsembleFileWriter::~EnsembleFileWriter() = default;

void EnsembleFileWriter::add(int replicate, const Results& results) {
  Impl& im = *impl_;
  const std::size_t stations = im.world.stations.size();
  if (replicate < 0 || static_cast<std::size_t>(replicate) >= im.n_rep || im.added[static_cast<std::size_t>(replicate)])
    throw RuntimeError("internal: replicate " + std::to_string(replicate) + " added twice or out of range");
  if (results.days() != im.days || static_cast<std::size_t>(results.stations()) != stations)
    throw RuntimeError("internal: replicate results of another shape than the file's");
  const auto r = static_cast<std::uint64_t>(replicate);
  const auto days = static_cast<std::uint64_t>(im.days);
  const auto& levels = metric_levels();
  for (const MetricDef& def : metric_defs()) {
    const std::string name(def.name);
    const std::span<const double> series = results.series(def.id);
    sum_metric(im.world, series, im.days, im.by_area, im.city);
    im.out.write_block(name, "", at(levels[0], r, 0, 0), at(levels[0], 1, days, stations), series);
    im.out.write_block(name, "areas", at(levels[1], r, 0, 0), at(levels[1], 1, days, im.world.areas.size()), im.by_area);
    im.out.write_block(name, "city", at(levels[2], r, 0, 0), at(levels[2], 1, days, 1), im.city);
  }
  im.added[static_cast<std::size_t>(replicate)] = true;
}

void EnsembleFileWriter::finish() {
  Impl& im = *impl_;
  for (std::size_t r = 0; r < im.n_rep; ++r)
    if (!im.added[r]) throw RuntimeError("internal: replicate " + std::to_string(r) + " was never added");
  for (std::size_t l = 0; l < metric_levels().size(); ++l)
    for (const MetricDef& def : metric_defs())
      summarise_streamed(im.out, std::string(def.name), metric_levels()[l], level_cols(im.world, l), im.n_rep, im.days);
  im.out.close();
}

std::string existing_result_scenario(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return {};
  H5E_auto2_t old_func = nullptr;
  void* old_data = nullptr;
  H5Eget_auto2(H5E_DEFAULT, &old_func, &old_data);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  std::string text;
  if (H5Fis_hdf5(path.c_str()) > 0) {
    const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (f >= 0) {
      if (H5Aexists(f, "scenario") > 0) {
        const hid_t a = H5Aopen(f, "scenario", H5P_DEFAULT);
        const hid_t t = a >= 0 ? H5Aget_type(a) : -1;
        if (t >= 0 && H5Tget_class(t) == H5T_STRING && H5Tis_variable_str(t) <= 0) {
          std::string buf(H5Tget_size(t), '\0');
          const hid_t mt = H5Tcopy(t);
          if (H5Aread(a, mt, buf.data()) >= 0) text = buf.substr(0, buf.find('\0'));
          H5Tclose(mt);
        }
        if (t >= 0) H5Tclose(t);
        if (a >= 0) H5Aclose(a);
      }
      H5Fclose(f);
    }
  }
  H5Eset_auto2(H5E_DEFAULT, old_func, old_data);
  return text;
}

namespace {

// The CF attributes of a static variable as the schema shows them ("standard_name: latitude; ...").
std::string cf_column(const StaticVar& v) {
  std::string text;
  for (const Attribute& a : info_for(v.name).extra) {
    if (a.name != "standard_name" && a.name != "cell_methods" && a.name != "cf_role" && a.name != "coordinates") continue;
    if (!text.empty()) text.append("; ");
    text.append(a.name).append(": ").append(a.text);
  }
  return text;
}

}  // namespace

std::string schema_markdown() {
  std::ostringstream md;
  md << "**Root group**: a CF `timeSeries` per station (`featureType`; `station_name` has `cf_role = "
        "\"timeseries_id\"`, and every variable on the `station` dimension names `station_name station_lat "
        "station_lon` in `coordinates`), the city's weather and the facts of stations, areas, grid and outlines.\n\n";
  md << "| variable | dimensions | type | units | CF | meaning |\n|---|---|---|---|---|---|\n";
  for (const auto& v : static_vars()) {
    const std::string units = v.units;
    md << "| `" << v.name << "` | " << v.dims << " | " << v.type << " | " << (units.empty() ? "" : "`" + units + "`")
       << " | " << cf_column(v) << " | " << v.long_name << " |\n";
  }
  md << "\n**Metrics per station per day** (root, dimensions `day, station`, `coordinates = \"" << kStationCoordinates
     << "\"`). The same names hold the sums per management area in group **`/areas`** (dimensions `day, area`, "
        "summed over the area's stations, `coordinates = \"area_name\"`) and for the city in group **`/city`** "
        "(dimension `day`, summed over all simulated stations); each group carries its own `day`, `day_bounds`, "
        "`area` (with `area_name`, `area_name_en`), `replicate` and `quantile` axes. Attributes `label`, `label_zh`, "
        "`direction` and `aggregation` carry the columns below: a *flow* adds up over days (`cell_methods = \"time: "
        "sum\"`), a *stock* is a level at the end of the day (`\"time: point\"`; add over stations, average over "
        "days). Money is written as `units = \"1\"` with `units_label = \"yuan\"` and `currency = \"CNY\"` "
        "(UDUNITS has no currency).\n\n";
  md << "| variable | type | units | label | 中文 | direction | aggregation | cell_methods | meaning |\n"
        "|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& m : metric_defs())
    md << "| `" << m.name << "` | " << (m.integer ? "int32" : "float64") << " | `" << cf_units({}, m.units).units
       << "` | " << m.label << " | " << m.label_zh << " | " << direction_name(m.direction) << " | "
       << aggregation_name(m.aggregation) << " | " << (m.aggregation == Aggregation::kFlow ? "time: sum" : "time: point")
       << " | " << m.long_name << " |\n";
  md << "\nWith `run.replicates` > 1 every metric gains a leading `replicate` dimension, plus `NAME_mean` (the mean "
        "over replicates, float64) and `NAME_quantile` (on the `quantile` dimension: 5, 50 and 95 %), at the root "
        "and in `/areas` and `/city` alike.\n";
  md << "\n**Indicators** (group `indicators`: one scalar container variable each, value 0, whose attributes "
        "`formula`, `numerator`, `denominator` (space-separated metric names, summed; empty: a plain sum), `scale`, "
        "`decimals`, `units`, `label`, `label_zh`, `direction` and `key` define it; value = scale × Σ numerator / "
        "Σ denominator over the stations and days chosen). swsim-analyze, swsim-viz and the Python report read "
        "them from the file.\n\n";
  md << "| indicator | formula | units | label | 中文 | direction | key | meaning |\n|---|---|---|---|---|---|---|---|\n";
  for (const auto& ind : indicator_defs())
    md << "| `" << ind.name << "` | `" << ind.formula() << "` | " << ind.units << " | " << ind.label << " | "
       << ind.label_zh << " | " << direction_name(ind.direction) << " | " << (ind.key ? "yes" : "") << " | "
       << ind.long_name << " |\n";
  return md.str();
}

}  // namespace swsim
