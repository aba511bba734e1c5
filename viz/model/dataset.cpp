#include "model/dataset.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include <hdf5.h>

#include <filesystem>
#include <sstream>

#include "indicators.hpp"
#include "reader/result_file.hpp"
#include "reader/time_axis.hpp"

namespace swsim::viz {
namespace {

using results::ReadError;
using results::ResultFile;

const double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string label_from_long_name(const std::string& name, const std::string& long_name) {
  if (long_name.empty()) return name;
  std::string s = long_name.substr(0, long_name.find(" ("));
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::vector<int> to_int(const std::vector<double>& v) {
  std::vector<int> out(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) out[i] = static_cast<int>(std::lround(v[i]));
  return out;
}

// A 1-D variable over `dim` of length n, or a vector of `fallback` when the file lacks it.
std::vector<double> read_1d(const ResultFile& f, const std::string& name, int n, double fallback) {
  if (!f.has(name)) return std::vector<double>(static_cast<std::size_t>(n), fallback);
  const auto d = f.dims_of(name);
  if (d.size() != 1 || d[0] != n)
    throw ReadError(f.path() + ": variable '" + name + "' does not have the expected length " +
                    std::to_string(n));
  return f.read(name);
}

// The meal points' places and kinds, when the file has them (all three over one `meal_point` dimension).
void read_meal_points(const ResultFile& f, Dataset& d) {
  if (!f.has("meal_point_lat") || !f.has("meal_point_lon")) return;
  const auto dims = f.dims_of("meal_point_lat");
  if (dims.size() != 1) throw ReadError(f.path() + ": variable 'meal_point_lat' is not one-dimensional");
  const int n = dims[0];
  d.meal_point_lat = read_1d(f, "meal_point_lat", n, 0);
  d.meal_point_lon = read_1d(f, "meal_point_lon", n, 0);
  std::vector<double> canteen = read_1d(f, "meal_point_canteen", n, 0);
  d.meal_point_canteen.assign(canteen.begin(), canteen.end());
}

std::vector<std::string> read_names(const ResultFile& f, const std::string& name, int n,
                                    const std::string& stem) {
  std::vector<std::string> out;
  if (f.has(name)) out = f.read_strings(name);
  if (static_cast<int>(out.size()) != n) {
    out.clear();
    for (int i = 0; i < n; ++i) out.push_back(stem + " " + std::to_string(i));
  }
  return out;
}

// Adds a derived metric from an indicator spec; skipped when a variable it needs is missing, or when it
// only repeats a variable (a plain sum of one variable already listed).
void add_indicator(Dataset& d, const IndicatorSpec& spec) {
  if (d.metric_index(spec.name) >= 0) return;
  Metric m;
  m.name = spec.name;
  m.label = spec.label.empty() ? label_from_long_name(spec.name, spec.long_name) : spec.label;
  m.label_zh = spec.label_zh;
  m.long_name = spec.long_name;
  m.units = display_units(spec.units);
  m.direction = spec.direction;
  m.factor = spec.scale;
  m.derived = true;
  auto resolve = [&](const std::vector<std::string>& names, std::vector<int>& out) {
    for (const auto& n : names) {
      int var = -1;
      for (std::size_t i = 0; i < d.vars.size(); ++i)
        if (d.vars[i].name == n) var = static_cast<int>(i);
      if (var < 0) return false;
      out.push_back(var);
    }
    return true;
  };
  if (spec.numerator.empty() || !resolve(spec.numerator, m.num) || !resolve(spec.denominator, m.den)) return;
  d.metrics.push_back(std::move(m));
}

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

// A text attribute of an open HDF5 object ("" when absent or not text).
std::string text_attr(hid_t obj, const char* name) {
  if (H5Aexists(obj, name) <= 0) return {};
  const hid_t a = H5Aopen(obj, name, H5P_DEFAULT);
  if (a < 0) return {};
  const hid_t t = H5Aget_type(a);
  std::string out;
  if (H5Tget_class(t) == H5T_STRING) {
    const hid_t mt = H5Tcopy(H5T_C_S1);
    H5Tset_cset(mt, H5Tget_cset(t));
    if (H5Tis_variable_str(t) > 0) {
      H5Tset_size(mt, H5T_VARIABLE);
      char* p = nullptr;
      if (H5Aread(a, mt, &p) >= 0 && p) {
        out = p;
        H5free_memory(p);
      }
    } else {
      const std::size_t n = H5Tget_size(t);
      out.assign(n, '\0');
      H5Tset_size(mt, n);
      if (H5Aread(a, mt, out.data()) < 0) out.clear();
      out.resize(std::min(out.size(), out.find('\0')));
    }
    H5Tclose(mt);
  }
  H5Tclose(t);
  H5Aclose(a);
  return out;
}

double number_attr(hid_t obj, const char* name, double fallback) {
  if (H5Aexists(obj, name) <= 0) return fallback;
  const hid_t a = H5Aopen(obj, name, H5P_DEFAULT);
  if (a < 0) return fallback;
  double v = fallback;
  const hid_t t = H5Aget_type(a);
  const H5T_class_t c = H5Tget_class(t);
  if ((c == H5T_FLOAT || c == H5T_INTEGER) && H5Aread(a, H5T_NATIVE_DOUBLE, &v) < 0) v = fallback;
  H5Tclose(t);
  H5Aclose(a);
  return v;
}

// The derived indicators of the file's /indicators group (one scalar variable per indicator with
// numerator, denominator, scale, units, labels and direction as attributes); empty when absent.
std::vector<IndicatorSpec> read_indicator_group(const std::string& path) {
  std::vector<IndicatorSpec> out;
  const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (f < 0) return out;
  if (H5Lexists(f, "indicators", H5P_DEFAULT) > 0) {
    const hid_t g = H5Gopen2(f, "indicators", H5P_DEFAULT);
    if (g >= 0) {
      H5G_info_t info{};
      H5Gget_info(g, &info);
      // Creation order when tracked (the writer's order), else names in alphabetical order.
      unsigned order_flags = 0;
      const hid_t cpl = H5Gget_create_plist(g);
      if (cpl >= 0) {
        H5Pget_link_creation_order(cpl, &order_flags);
        H5Pclose(cpl);
      }
      const H5_index_t by = (order_flags & H5P_CRT_ORDER_TRACKED) ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
      for (hsize_t i = 0; i < info.nlinks; ++i) {
        char name[256] = {0};
        if (H5Lget_name_by_idx(g, ".", by, H5_ITER_INC, i, name, sizeof name, H5P_DEFAULT) < 0) continue;
        const hid_t ds = H5Oopen(g, name, H5P_DEFAULT);
        if (ds < 0) continue;
        IndicatorSpec s;
        s.name = name;
        s.numerator = split_words(text_attr(ds, "numerator"));
        s.denominator = split_words(text_attr(ds, "denominator"));
        s.scale = number_attr(ds, "scale", 1.0);
        s.units = text_attr(ds, "units_label");  // money: CF units "1", shown as yuan
        if (s.units.empty()) s.units = text_attr(ds, "units");
        s.long_name = text_attr(ds, "long_name");
        s.label = text_attr(ds, "label");
        s.label_zh = text_attr(ds, "label_zh");
        s.direction = parse_direction(text_attr(ds, "direction"));
        H5Oclose(ds);
        if (!s.numerator.empty()) out.push_back(std::move(s));
      }
      H5Gclose(g);
    }
  }
  H5Fclose(f);
  return out;
}

// `key` of `[section]` in INI text ("" when absent).
std::string ini_value(const std::string& text, const std::string& section, const std::string& key) {
  std::istringstream in(text);
  std::string line, current;
  auto trim = [](std::string x) {
    const auto b = x.find_first_not_of(" \t\r");
    const auto e = x.find_last_not_of(" \t\r");
    return b == std::string::npos ? std::string() : x.substr(b, e - b + 1);
  };
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line[0] == '[') {
      current = trim(line.substr(1, line.find(']') - 1));
      continue;
    }
    const auto eq = line.find('=');
    if (current == section && eq != std::string::npos && trim(line.substr(0, eq)) == key)
      return trim(line.substr(eq + 1));
  }
  return {};
}

}  // namespace

std::string display_units(const std::string& u) {
  if (u == "degC")
    return "\xC2\xB0"
           "C";
  if (u == "1" || u.empty()) return "count";
  return u;
}

bool Grid::cell_of(LonLat p, int& y, int& x) const {
  if (empty()) return false;
  auto find = [](const std::vector<double>& edges, double v) -> int {
    const bool asc = edges.back() > edges.front();
    const std::size_t n = edges.size();
    if (asc) {
      if (v < edges.front() || v >= edges.back()) return -1;
      return static_cast<int>(std::upper_bound(edges.begin(), edges.end(), v) - edges.begin()) - 1;
    }
    if (v > edges.front() || v <= edges.back()) return -1;
    auto it = std::upper_bound(edges.begin(), edges.end(), v, std::greater<double>());
    const int i = static_cast<int>(it - edges.begin()) - 1;
    return i >= 0 && static_cast<std::size_t>(i) < n - 1 ? i : -1;
  };
  y = find(lat_edge, p.lat);
  x = find(lon_edge, p.lon);
  return y >= 0 && x >= 0 && y < ny && x < nx;
}

namespace {
std::vector<double> edges_of(const std::vector<double>& c) {
  const std::size_t n = c.size();
  std::vector<double> e(n + 1);
  if (n == 1) {
    e[0] = c[0] - 0.005;
    e[1] = c[0] + 0.005;
    return e;
  }
  for (std::size_t i = 1; i < n; ++i) e[i] = 0.5 * (c[i - 1] + c[i]);
  e[0] = c[0] - (e[1] - c[0]);
  e[n] = c[n - 1] + (c[n - 1] - e[n - 1]);
  return e;
}
}  // namespace

void build_grid_geometry(Grid& g) {
  g.spans.clear();
  g.area_edges.clear();
  g.catchment_edges.clear();
  if (g.empty()) return;
  g.lat_edge = edges_of(g.lat);
  g.lon_edge = edges_of(g.lon);
  const int ny = g.ny, nx = g.nx;
  auto st = [&](int y, int x) { return (y < 0 || y >= ny || x < 0 || x >= nx) ? -1 : g.station_at(y, x); };
  auto ar = [&](int y, int x) { return (y < 0 || y >= ny || x < 0 || x >= nx) ? -1 : g.area_at(y, x); };

  for (int y = 0; y < ny; ++y) {
    int x = 0;
    while (x < nx) {
      const int s = st(y, x), a = ar(y, x);
      int e = x + 1;
      while (e < nx && st(y, e) == s && ar(y, e) == a) ++e;
      if (s >= 0 || a >= 0) g.spans.push_back({y, x, e, s, a});
      x = e;
    }
  }
  auto same = [&](int y0, int x0, int y1, int x1) {
    return st(y0, x0) == st(y1, x1) && ar(y0, x0) == ar(y1, x1);
  };
  // 0 = no edge, 1 = catchment edge, 2 = area edge between cells (y0,x0) and (y1,x1).
  auto kind = [&](int y0, int x0, int y1, int x1) {
    if (ar(y0, x0) != ar(y1, x1)) return 2;
    if (ar(y0, x0) >= 0 && st(y0, x0) != st(y1, x1)) return 1;
    return 0;
  };
  auto emit = [&](int k, Segment s, int y0, int x0, int y1, int x1) {
    s.station0 = st(y0, x0);
    s.station1 = st(y1, x1);
    s.area0 = ar(y0, x0);
    s.area1 = ar(y1, x1);
    if (k == 2) g.area_edges.push_back(s);
    if (k == 1) g.catchment_edges.push_back(s);
  };
  // Vertical edges at column boundary i (between x=i-1 and x=i), merged along y.
  for (int i = 0; i <= nx; ++i) {
    int y = 0;
    while (y < ny) {
      const int k = kind(y, i - 1, y, i);
      int e = y + 1;
      while (e < ny && kind(e, i - 1, e, i) == k && same(e, i - 1, y, i - 1) && same(e, i, y, i)) ++e;
      const auto ue = static_cast<std::size_t>(e), uy = static_cast<std::size_t>(y),
                 ui = static_cast<std::size_t>(i);
      emit(k, {{g.lon_edge[ui], g.lat_edge[uy]}, {g.lon_edge[ui], g.lat_edge[ue]}}, y, i - 1, y, i);
      y = e;
    }
  }
  // Horizontal edges at row boundary j, merged along x.
  for (int j = 0; j <= ny; ++j) {
    int x = 0;
    while (x < nx) {
      const int k = kind(j - 1, x, j, x);
      int e = x + 1;
      while (e < nx && kind(j - 1, e, j, e) == k && same(j - 1, e, j - 1, x) && same(j, e, j, x)) ++e;
      const auto ue = static_cast<std::size_t>(e), ux = static_cast<std::size_t>(x),
                 uj = static_cast<std::size_t>(j);
      emit(k, {{g.lon_edge[ux], g.lat_edge[uj]}, {g.lon_edge[ue], g.lat_edge[uj]}}, j - 1, x, j, x);
      x = e;
    }
  }
}

int Dataset::metric_index(const std::string& name) const {
  for (const std::string& n : {name, metric_alias(name)})
    for (std::size_t i = 0; i < metrics.size(); ++i)
      if (metrics[i].name == n) return static_cast<int>(i);
  return -1;
}

bool Dataset::has_norm(Norm n) const {
  if (n == Norm::kNone) return true;
  const auto& base = norm_base(n);
  if (static_cast<int>(base.size()) != stations) return false;
  for (double e : base)
    if (std::isfinite(e) && e > 0) return true;
  return false;
}

bool Dataset::has_elders() const {
  if (static_cast<int>(station_elders.size()) != stations) return false;
  for (double e : station_elders)
    if (std::isfinite(e) && e > 0) return true;
  return false;
}

std::string Dataset::date_text(int day) const {
  if (day < 0 || day >= days) return "-";
  return results::format_iso(results::civil_from_days(day_number[static_cast<std::size_t>(day)]));
}

const std::string& Dataset::station_label(int s, bool cjk) const {
  const auto i = static_cast<std::size_t>(s);
  return cjk && !station_name[i].empty() ? station_name[i] : station_name_en[i];
}

const std::string& Dataset::area_label(int a, bool cjk) const {
  const auto i = static_cast<std::size_t>(a);
  return cjk && !area_name[i].empty() ? area_name[i] : area_name_en[i];
}

std::vector<int> Dataset::stations_of_area(int area) const {
  std::vector<int> out;
  for (int s = 0; s < stations; ++s)
    if (station_area[static_cast<std::size_t>(s)] == area) out.push_back(s);
  return out;
}

double MetricSum::value(const Metric& m) const {
  if (!m.is_ratio()) return m.stock ? (days > 0 ? num * m.factor / days : kNaN) : num * m.factor;
  return den > 0 ? num / den * m.factor : kNaN;
}

MetricSum sum_metric(const Dataset& d, const Metric& m, std::span<const int> days,
                     std::span<const int> stations, int rep) {
  MetricSum s;
  s.days = static_cast<int>(days.size());
  for (int day : days)
    for (int st : stations) {
      for (int v : m.num) s.num += d.at(v, rep, day, st);
      for (int v : m.den) s.den += d.at(v, rep, day, st);
    }
  return s;
}

// The allocation of `swsim optimize` (station variables optimize_*): each becomes a metric that is the same
// on every day (a stock, so a period shows the value itself), so the map colours stations by units added
// or by gain, with the file's zh/en labels; the units added also join the station facts.
void add_allocation_layers(const ResultFile& f, Dataset& d) {
  for (const char* name : {"optimize_units_added", "optimize_gain"}) {
    if (!f.has(name) || f.dims_of(name).size() != 1) continue;
    const std::vector<double> per_station = read_1d(f, name, d.stations, kNaN);
    StationDayVar v;
    v.name = name;
    v.long_name = f.long_name(name);
    v.units = f.unit_label(name);
    v.values.reserve(static_cast<std::size_t>(d.replicates) * d.days * d.stations);
    for (int i = 0; i < d.replicates * d.days; ++i) v.values.insert(v.values.end(), per_station.begin(), per_station.end());
    Metric m;
    m.name = name;
    m.label = f.text_attribute(name, "label");
    if (m.label.empty()) m.label = name;
    m.label_zh = f.text_attribute(name, "label_zh");
    m.long_name = v.long_name;
    m.stock = true;
    m.direction = Direction::kNeutral;
    m.units = display_units(v.units);
    m.num = {static_cast<int>(d.vars.size())};
    d.vars.push_back(std::move(v));
    d.metrics.push_back(std::move(m));
    if (std::string(name) == "optimize_units_added")
      d.station_facts.push_back(StaticFact{name, d.metrics.back().label, d.metrics.back().units, per_station, false});
  }
}

Dataset load_dataset(const std::string& path, const ProgressFn& progress) {
  auto report = [&](double f, const std::string& what) {
    if (progress) progress(f, what);
  };
  report(0.0, "opening " + path);
  ResultFile f(path);
  Dataset d;
  d.path = path;
  d.days = f.days();
  d.stations = f.stations();
  d.areas = f.areas();
  d.scenario_file = f.global_text("scenario_file");
  {
    // The run's label: the scenario file and the overrides named in the scenario's comment lines
    // ("# --set k=v" for swsim run --set, "# [sweep] k=v" for a sweep point).
    d.run_label = d.scenario_file.empty() ? std::filesystem::path(path).filename().string()
                                          : std::filesystem::path(d.scenario_file).filename().string();
    for (const auto& line : results::scenario_comment_lines(f))
      for (const char* tag : {"--set ", "[sweep] "})
        if (line.rfind(tag, 0) == 0) {
          for (const auto& kv : split_words(line.substr(std::string(tag).size()))) d.overrides.push_back(kv);
        }
    for (const auto& o : d.overrides) d.run_label += " + " + o;
    d.scenario_text = f.global_text("scenario");
    if (f.global_text("live_status") == "running") {
      const std::string total = ini_value(d.scenario_text, "run", "days");
      d.live_days_total = total.empty() ? d.days : std::max(d.days, std::atoi(total.c_str()));
    }
    const std::string hn = ini_value(d.scenario_text, "health", "hot_night_tmin_c");
    if (!hn.empty()) {
      char* end = nullptr;
      const double v = std::strtod(hn.c_str(), &end);
      if (end != hn.c_str() && std::isfinite(v)) d.hot_night_tmin_c = v;
    }
  }
  d.start_date = f.global_text("start_date");
  if (d.days <= 0) throw ReadError(path + ": the file has no days");
  if (d.stations <= 0) throw ReadError(path + ": the file has no stations");
  if (f.has("replicate")) {
    const auto r = f.dims_of("replicate");
    if (r.size() == 1 && r[0] > 0) d.replicates = r[0];
  }
  d.replicate_seeds = f.replicate_seeds();

  report(0.02, "day axis");
  d.day_number = results::read_day_numbers(f);
  d.tmax_c = read_1d(f, "tmax_c", d.days, kNaN);
  d.heat_wave = to_int(read_1d(f, "heat_wave", d.days, 0));
  d.heat_warning = to_int(read_1d(f, "heat_warning", d.days, 0));
  d.tmin_c = read_1d(f, "tmin_c", d.days, kNaN);
  d.sauna_day = to_int(read_1d(f, "sauna_day", d.days, 0));
  for (double t : d.tmin_c) d.hot_night.push_back(std::isfinite(t) && t >= d.hot_night_tmin_c ? 1 : 0);

  report(0.05, "stations");
  d.station_name = read_names(f, "station_name", d.stations, "Station");
  d.station_name_en = read_names(f, "station_name_en", d.stations, "Station");
  if (f.has("station_name_latin")) d.station_name_latin = read_names(f, "station_name_latin", d.stations, "");
  d.station_elders = read_1d(f, "station_elders", d.stations, kNaN);
  d.station_caseload = read_1d(f, "station_caseload", d.stations, kNaN);
  d.station_lat = read_1d(f, "station_lat", d.stations, kNaN);
  d.station_lon = read_1d(f, "station_lon", d.stations, kNaN);
  d.station_area = to_int(read_1d(f, "station_area", d.stations, -1));
  {
    std::vector<double> idx(static_cast<std::size_t>(d.stations));
    for (int s = 0; s < d.stations; ++s) idx[static_cast<std::size_t>(s)] = s;
    d.station_global =
        to_int(f.has("station_global_index") ? read_1d(f, "station_global_index", d.stations, 0) : idx);
  }
  for (int& a : d.station_area)
    if (a >= d.areas) a = -1;
  read_meal_points(f, d);
  struct FactSpec {
    const char* name;
    const char* label;
    bool share;
  };
  const FactSpec facts[] = {
      {"station_elders", "Elders 60+", false},
      {"station_lunch_enrolled", "Lunch enrolled", false},
      {"station_social_workers", "Social workers", false},
      {"station_volunteers", "Volunteers", false},
      {"station_coverage_500m", "Within 500 m", true},
      {"station_coverage_700m", "Within 700 m", true},
      {"station_coverage_1km", "Within 1 km", true},
  };
  for (const auto& fs : facts) {
    if (!f.has(fs.name)) continue;
    StaticFact sf;
    sf.name = fs.name;
    sf.label = fs.label;
    sf.share = fs.share;
    sf.units = fs.share ? "%" : display_units(f.unit_label(fs.name));
    sf.values = read_1d(f, fs.name, d.stations, kNaN);
    d.station_facts.push_back(std::move(sf));
  }

  report(0.10, "areas");
  d.area_name = read_names(f, "area_name", d.areas, "Area");
  d.area_name_en = read_names(f, "area_name_en", d.areas, "Area");
  d.area_lat = read_1d(f, "area_lat", d.areas, kNaN);
  d.area_lon = read_1d(f, "area_lon", d.areas, kNaN);
  d.area_population = read_1d(f, "area_population", d.areas, kNaN);
  d.area_elders = read_1d(f, "area_elders", d.areas, kNaN);
  d.area_stations = to_int(read_1d(f, "area_stations", d.areas, 0));
  d.area_stations_simulated = to_int(read_1d(f, "area_stations_simulated", d.areas, 0));

  // Every variable over (day, station), or (replicate, day, station) once files carry replicates.
  // With replicates the metrics are (replicate, day, station); their _mean/_quantile summaries are not
  // listed again (the charts draw the replicate band themselves).
  const auto names = d.replicates > 1 ? f.variables_with_dims({"replicate", "day", "station"}) : f.station_day_variables();
  const double per_var = 0.70 / static_cast<double>(std::max<std::size_t>(names.size(), 1));
  double at = 0.12;
  for (const auto& name : names) {
    report(at, "reading " + name);
    at += per_var;
    StationDayVar v;
    v.name = name;
    v.long_name = f.long_name(name);
    v.units = f.unit_label(name);
    const auto dims = f.dims_of(name);
    const std::size_t want = static_cast<std::size_t>(d.replicates) * d.days * d.stations;
    v.values = f.read(name);
    if (v.values.size() != want) {
      // A 2-D variable in a file with replicates: the same values for every replicate.
      if (v.values.size() * static_cast<std::size_t>(d.replicates) != want)
        throw ReadError(path + ": variable '" + name + "' has an unexpected shape");
      std::vector<double> rep;
      rep.reserve(want);
      for (int r = 0; r < d.replicates; ++r) rep.insert(rep.end(), v.values.begin(), v.values.end());
      v.values = std::move(rep);
    }
    (void)dims;
    Metric m;
    m.name = name;
    MetricMeta meta;
    const bool known = builtin_metric_meta(name, meta);
    m.label = f.text_attribute(name, "label");
    if (m.label.empty()) m.label = known ? meta.label : label_from_long_name(name, v.long_name);
    m.label_zh = f.text_attribute(name, "label_zh");
    if (m.label_zh.empty() && known) m.label_zh = meta.label_zh;
    const std::string agg = f.text_attribute(name, "aggregation");
    m.stock = !agg.empty() ? agg == "stock" : builtin_is_stock(name);
    const std::string dir = f.text_attribute(name, "direction");
    m.direction = !dir.empty() ? parse_direction(dir) : meta.direction;
    m.long_name = v.long_name;
    m.units = display_units(v.units);
    m.num = {static_cast<int>(d.vars.size())};
    d.vars.push_back(std::move(v));
    d.metrics.push_back(std::move(m));
  }
  if (d.metrics.empty())
    throw ReadError(path + ": no variables over (day, station): not a swsim result file?");
  add_allocation_layers(f, d);
  {
    auto specs = read_indicator_group(path);
    if (specs.empty()) specs = builtin_indicators();
    for (const auto& spec : specs) add_indicator(d, spec);
  }

  report(0.85, "catchment raster");
  if (f.has("catchment_station") && f.has("grid_lat") && f.has("grid_lon")) {
    Grid& g = d.grid;
    g.lat = f.read("grid_lat");
    g.lon = f.read("grid_lon");
    const auto dims = f.dims_of("catchment_station");
    if (dims.size() == 2 && dims[0] == static_cast<int>(g.lat.size()) &&
        dims[1] == static_cast<int>(g.lon.size()) && !g.lat.empty() && !g.lon.empty()) {
      g.ny = dims[0];
      g.nx = dims[1];
      const auto st = f.read("catchment_station");
      const std::size_t n = st.size();
      g.station.resize(n);
      g.area.assign(n, -1);
      for (std::size_t i = 0; i < n; ++i) {
        const long s = std::lround(st[i]);
        g.station[i] = static_cast<std::int16_t>(s >= 0 && s < d.stations ? s : -1);
      }
      if (f.has("catchment_area") && f.dims_of("catchment_area") == dims) {
        const auto ar = f.read("catchment_area");
        for (std::size_t i = 0; i < n; ++i) {
          const long a = std::lround(ar[i]);
          g.area[i] = static_cast<std::int16_t>(a >= 0 && a < d.areas ? a : -1);
        }
      }
      report(0.92, "outlines");
      build_grid_geometry(g);
    }
  }
  report(1.0, "done");
  return d;
}

}  // namespace swsim::viz
