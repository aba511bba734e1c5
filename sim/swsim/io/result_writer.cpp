#include "swsim/io/result_writer.hpp"

#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "swsim/io/nc_writer.hpp"
#include "swsim/util/error.hpp"
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
      {"station_global_index", "station", "int32", "1", "index of the station among all 161 in Jinan"},
      {"station_lat", "station", "float64", "degrees_north", "station latitude"},
      {"station_lon", "station", "float64", "degrees_east", "station longitude"},
      {"station_area", "station", "int32", "1", "management area of the station (index on the area dimension)"},
      {"station_elders", "station", "int32", "1", "residents aged 60+ in the station's catchment"},
      {"station_lunch_enrolled", "station", "int32", "1", "elders enrolled for daily lunch delivery"},
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
      {"y", "y", "float64", "km", "catchment grid cell centre, km north of the projection origin (coordinate)"},
      {"x", "x", "float64", "km", "catchment grid cell centre, km east of the projection origin (coordinate)"},
      {"grid_lat", "y", "float64", "degrees_north", "latitude of the catchment grid rows"},
      {"grid_lon", "x", "float64", "degrees_east", "longitude of the catchment grid columns"},
      {"catchment_station", "y, x", "int16", "1",
       "station (index on the station dimension) whose catchment holds the cell; -1 outside or not simulated"},
      {"catchment_area", "y, x", "int8", "1", "management area holding the cell; -1 outside every area"},
  };
  return v;
}

VarInfo info_for(const std::string& name) {
  for (const auto& v : static_vars())
    if (name == v.name) return VarInfo{v.units, v.long_name, {}};
  for (const auto& m : metric_defs())
    if (name == m.name) return VarInfo{std::string(m.units), std::string(m.long_name), {}};
  throw RuntimeError("internal: no schema entry for variable " + name);
}

std::string temp_name_for(const std::string& path) {
  const std::filesystem::path p(path);
  std::string name = ".";  // hidden, and clearly not a finished result
  name += p.filename().string();
  name += ".tmp";
  name += std::to_string(::getpid());
  return (p.parent_path() / name).string();
}

}  // namespace

PendingOutput::PendingOutput(const std::string& path) : final_(path), temp_(temp_name_for(path)) {
  std::error_code ec;
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty() && !std::filesystem::is_directory(parent, ec))
    throw InputError(path + ": output folder " + parent.string() + " does not exist");
  if (std::filesystem::is_directory(path, ec)) throw InputError(path + ": output path is a directory");
  std::ofstream probe(temp_, std::ios::binary | std::ios::trunc);
  if (!probe) throw InputError(path + ": cannot write in the output folder");
}

PendingOutput::~PendingOutput() {
  if (!committed_) std::remove(temp_.c_str());
}

void PendingOutput::commit() {
  std::error_code ec;
  std::filesystem::rename(temp_, final_, ec);
  if (ec) throw RuntimeError(final_ + ": cannot move the finished file into place: " + ec.message());
  committed_ = true;
}

void write_results(const std::string& path, const Scenario& scenario, const World& world,
                   const std::vector<WeatherDay>& weather, const Results& results, const RunInfo& info) {
  write_results(path, scenario, world, weather, Ensemble{{scenario.config.run.seed}, {results}}, info);
}

double quantile_of_sorted(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return std::nan("");
  const double h = (static_cast<double>(sorted.size()) - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

void write_results(const std::string& path, const Scenario& scenario, const World& world,
                   const std::vector<WeatherDay>& weather, const Ensemble& ensemble, const RunInfo& info) {
  const Config& cfg = scenario.config;
  const auto& reps = ensemble.replicates;
  const std::size_t n_rep = reps.size();
  if (n_rep == 0) throw RuntimeError("internal: no replicate to write");
  const int days = reps[0].days();
  const auto n_st = world.stations.size();
  const auto n_ar = world.areas.size();
  io::NcWriter out(path);

  out.global_attribute("Conventions", std::string("CF-1.8"));
  out.global_attribute("title", std::string("swsim: social work station coverage in Jinan"));
  out.global_attribute("source", std::string("swsim ") + info.version);
  out.global_attribute("swsim_version", info.version);
  out.global_attribute("command_line", info.command_line);
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

  std::vector<std::int32_t> idx;
  auto iota = [&](std::size_t n) {
    idx.resize(n);
    for (std::size_t i = 0; i < n; ++i) idx[i] = static_cast<std::int32_t>(i);
    return idx;
  };
  VarInfo day_info = info_for("day");
  day_info.units = "days since " + format_date(cfg.run.start_date);
  day_info.extra.push_back(Attribute::Text("calendar", "standard"));
  day_info.extra.push_back(Attribute::Text("axis", "T"));
  out.dimension("day", iota(static_cast<std::size_t>(days)), day_info);
  out.dimension("station", iota(n_st), info_for("station"));
  out.dimension("area", iota(n_ar), info_for("area"));
  if (n_rep > 1) {
    out.dimension("replicate", iota(n_rep), info_for("replicate"));
    out.dimension("quantile", std::vector<double>(kQuantiles.begin(), kQuantiles.end()), info_for("quantile"));
    std::vector<std::string> seeds;
    for (std::uint64_t sd : ensemble.seeds) seeds.push_back(std::to_string(sd));
    out.variable("replicate_seed", {"replicate"}, seeds, info_for("replicate_seed"));
  }

  // Weather per day.
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
  VarInfo wave_info = info_for("heat_wave");
  wave_info.extra = {Attribute::IntList("flag_values", {0, 1}), Attribute::Text("flag_meanings", "no heat_wave")};
  out.variable("heat_wave", {"day"}, wave, wave_info);
  VarInfo warn_info = info_for("heat_warning");
  warn_info.extra = {Attribute::IntList("flag_values", {0, 1, 2, 3}),
                     Attribute::Text("flag_meanings", "none yellow orange red")};
  out.variable("heat_warning", {"day"}, warn, warn_info);
  VarInfo sauna_info = info_for("sauna_day");
  sauna_info.extra = {Attribute::IntList("flag_values", {0, 1}), Attribute::Text("flag_meanings", "no sauna_day")};
  out.variable("sauna_day", {"day"}, sauna, sauna_info);

  // Every metric per station, and summed per area and for the city in a fixed order (stations in index
  // order within an area, areas in index order for the city), so counts add up exactly. With replicates,
  // each variable gains a leading replicate dimension, plus NAME_mean and NAME_quantile (5/50/95 %).
  auto emit = [&](const std::string& name, std::vector<std::string> dims, const std::vector<std::vector<double>>& per_rep,
                  bool integer, const VarInfo& vi) {
    if (n_rep == 1) {
      if (integer) out.variable(name, dims, std::vector<std::int32_t>(per_rep[0].begin(), per_rep[0].end()), vi);
      else out.variable(name, dims, per_rep[0], vi);
      return;
    }
    const std::size_t cells = per_rep[0].size();
    std::vector<double> all, mean(cells, 0.0), quant(kQuantiles.size() * cells);
    for (const auto& r : per_rep) all.insert(all.end(), r.begin(), r.end());
    std::vector<double> column(n_rep);
    for (std::size_t c = 0; c < cells; ++c) {
      for (std::size_t r = 0; r < n_rep; ++r) {
        column[r] = per_rep[r][c];
        mean[c] += per_rep[r][c];  // replicate order: deterministic
      }
      mean[c] /= static_cast<double>(n_rep);
      std::sort(column.begin(), column.end());
      for (std::size_t q = 0; q < kQuantiles.size(); ++q) quant[q * cells + c] = quantile_of_sorted(column, kQuantiles[q]);
    }
    std::vector<std::string> rep_dims{"replicate"};
    rep_dims.insert(rep_dims.end(), dims.begin(), dims.end());
    if (integer) out.variable(name, rep_dims, std::vector<std::int32_t>(all.begin(), all.end()), vi);
    else out.variable(name, rep_dims, all, vi);
    VarInfo mi{vi.units, vi.long_name + " (mean over replicates)", {}};
    out.variable(name + "_mean", dims, mean, mi);
    VarInfo qi{vi.units, vi.long_name + " (5, 50 and 95 % quantiles over replicates)", {}};
    std::vector<std::string> q_dims{"quantile"};
    q_dims.insert(q_dims.end(), dims.begin(), dims.end());
    out.variable(name + "_quantile", q_dims, quant, qi);
  };
  for (std::size_t m = 0; m < kMetricCount; ++m) {
    const MetricDef& def = metric_defs()[m];
    const std::string name(def.name);
    std::vector<std::vector<double>> station(n_rep), by_area(n_rep), city(n_rep);
    for (std::size_t r = 0; r < n_rep; ++r) {
      const auto& series = reps[r].series(static_cast<Metric>(m));
      station[r] = series;
      by_area[r].assign(static_cast<std::size_t>(days) * n_ar, 0.0);
      city[r].assign(static_cast<std::size_t>(days), 0.0);
      for (int d = 0; d < days; ++d) {
        const auto ud = static_cast<std::size_t>(d);
        for (std::size_t s = 0; s < n_st; ++s)
          by_area[r][ud * n_ar + static_cast<std::size_t>(world.stations[s].area)] += series[ud * n_st + s];
        for (std::size_t a = 0; a < n_ar; ++a) city[r][ud] += by_area[r][ud * n_ar + a];
      }
    }
    emit(name, {"day", "station"}, station, def.integer, info_for(name));
    emit("area_" + name, {"day", "area"}, by_area, def.integer,
         VarInfo{std::string(def.units), std::string(def.long_name) + ", summed over the area's stations", {}});
    emit("city_" + name, {"day"}, city, def.integer,
         VarInfo{std::string(def.units), std::string(def.long_name) + ", summed over all simulated stations", {}});
  }

  // Per station.
  std::vector<std::string> names, names_en;
  std::vector<double> lat, lon, c500, c700, c1k;
  std::vector<std::int32_t> global, area, elders, enrolled, workers, vols, caseload, high, key, children;
  for (const auto& s : world.stations) {
    names.push_back(s.name_zh);
    names_en.push_back(s.name_en);
    global.push_back(s.global_index);
    lat.push_back(s.lat);
    lon.push_back(s.lon);
    area.push_back(s.area);
    elders.push_back(static_cast<std::int32_t>(s.elder_end - s.elder_begin));
    enrolled.push_back(static_cast<std::int32_t>(s.enrolled_end - s.enrolled_begin));
    workers.push_back(s.social_workers);
    vols.push_back(static_cast<std::int32_t>(s.volunteer_end - s.volunteer_begin));
    caseload.push_back(static_cast<std::int32_t>(s.caseload_end - s.caseload_begin));
    std::int32_t n_high = 0, n_key = 0;
    for (std::uint32_t c = s.caseload_begin; c < s.caseload_end; ++c) {
      n_high += world.caseload.tier[c] == RiskTier::kHigh;
      n_key += world.caseload.tier[c] == RiskTier::kKey;
    }
    high.push_back(n_high);
    key.push_back(n_key);
    children.push_back(static_cast<std::int32_t>(s.children_end - s.children_begin));
    c500.push_back(s.coverage_500m);
    c700.push_back(s.coverage_700m);
    c1k.push_back(s.coverage_1km);
  }
  out.variable("station_name", {"station"}, names, info_for("station_name"));
  out.variable("station_name_en", {"station"}, names_en, info_for("station_name_en"));
  out.variable("station_global_index", {"station"}, global, info_for("station_global_index"));
  out.variable("station_lat", {"station"}, lat, info_for("station_lat"));
  out.variable("station_lon", {"station"}, lon, info_for("station_lon"));
  out.variable("station_area", {"station"}, area, info_for("station_area"));
  out.variable("station_elders", {"station"}, elders, info_for("station_elders"));
  out.variable("station_lunch_enrolled", {"station"}, enrolled, info_for("station_lunch_enrolled"));
  out.variable("station_social_workers", {"station"}, workers, info_for("station_social_workers"));
  out.variable("station_volunteers", {"station"}, vols, info_for("station_volunteers"));
  out.variable("station_caseload", {"station"}, caseload, info_for("station_caseload"));
  out.variable("station_caseload_high", {"station"}, high, info_for("station_caseload_high"));
  out.variable("station_caseload_key", {"station"}, key, info_for("station_caseload_key"));
  out.variable("station_children", {"station"}, children, info_for("station_children"));
  out.variable("station_coverage_500m", {"station"}, c500, info_for("station_coverage_500m"));
  out.variable("station_coverage_700m", {"station"}, c700, info_for("station_coverage_700m"));
  out.variable("station_coverage_1km", {"station"}, c1k, info_for("station_coverage_1km"));

  // Per area.
  std::vector<std::string> an, an_en;
  std::vector<double> alat, alon, apop;
  std::vector<std::int32_t> ael, ast, asim;
  for (const auto& a : world.areas) {
    an.push_back(a.name_zh);
    an_en.push_back(a.name_en);
    alat.push_back(a.lat);
    alon.push_back(a.lon);
    apop.push_back(a.population);
    ael.push_back(static_cast<std::int32_t>(a.elders_full));
    ast.push_back(a.stations_total);
    asim.push_back(a.stations_simulated);
  }
  out.variable("area_name", {"area"}, an, info_for("area_name"));
  out.variable("area_name_en", {"area"}, an_en, info_for("area_name_en"));
  out.variable("area_lat", {"area"}, alat, info_for("area_lat"));
  out.variable("area_lon", {"area"}, alon, info_for("area_lon"));
  out.variable("area_population", {"area"}, apop, info_for("area_population"));
  out.variable("area_elders", {"area"}, ael, info_for("area_elders"));
  out.variable("area_stations", {"area"}, ast, info_for("area_stations"));
  out.variable("area_stations_simulated", {"area"}, asim, info_for("area_stations_simulated"));

  // Catchment raster for maps.
  const CatchmentGrid& g = world.grid;
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
  out.close();
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

std::string schema_markdown() {
  std::ostringstream md;
  md << "| variable | dimensions | type | units | meaning |\n|---|---|---|---|---|\n";
  auto row = [&](std::string_view name, std::string_view dims, std::string_view type, std::string_view units,
                 std::string_view meaning) {
    md << "| `" << name << "` | " << dims << " | " << type << " | " << (units.empty() ? "" : "`") << units
       << (units.empty() ? "" : "`") << " | " << meaning << " |\n";
  };
  const auto& sv = static_vars();
  std::size_t split = 0;  // coordinates and weather first, then the metrics, then the static variables
  while (split < sv.size() && std::string_view(sv[split].name) != "sauna_day") ++split;
  ++split;
  for (std::size_t k = 0; k < split; ++k) row(sv[k].name, sv[k].dims, sv[k].type, sv[k].units, sv[k].long_name);
  for (const auto& m : metric_defs())
    row(m.name, "day, station", m.integer ? "int32" : "float64", m.units, m.long_name);
  md << "| `area_NAME` | day, area | as `NAME` | as `NAME` | every metric above summed over the area's stations |\n";
  md << "| `city_NAME` | day | as `NAME` | as `NAME` | every metric above summed over all simulated stations |\n";
  md << "| `NAME_mean`, `area_NAME_mean`, `city_NAME_mean` | as the variable, without replicate | float64 | as `NAME` "
        "| mean over replicates (only with run.replicates > 1; the variables then have a leading replicate "
        "dimension) |\n";
  md << "| `NAME_quantile`, `area_NAME_quantile`, `city_NAME_quantile` | quantile, then as the mean | float64 | "
        "as `NAME` | 5, 50 and 95 % quantiles over replicates (only with replicates) |\n";
  for (std::size_t k = split; k < sv.size(); ++k) row(sv[k].name, sv[k].dims, sv[k].type, sv[k].units, sv[k].long_name);
  return md.str();
}

}  // namespace swsim
