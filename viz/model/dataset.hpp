#pragma once
// What the visualizer draws, read once from a result file through swsim::results::ResultFile: per-day
// per-station metric arrays, static station and area facts, and the catchment raster turned into
// drawable spans and outline segments. No ImGui and no OpenGL here, so all of it is testable headless.
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "model/metric_meta.hpp"

namespace swsim::viz {

// Called with (fraction 0..1, what is being read) while loading.
using ProgressFn = std::function<void(double, const std::string&)>;

// Counts shown as they are, per 1,000 elders (60+) of the catchment, or per 1,000 elders on the
// station's register (station_caseload).
enum class Norm { kNone, kElders, kRegistered };

// A value over (replicate, day, station) as stored in the file (replicate is 1 until files have it).
struct StationDayVar {
  std::string name, long_name, units;
  std::vector<double> values;  // [replicate][day][station]
};

// What the GUI offers in its metric menus: a file variable, or a ratio of sums of variables.
struct Metric {
  std::string name;       // variable name, or an id for derived metrics
  std::string label;      // short label for menus, axes and legends
  std::string label_zh;   // the same in Chinese ("" when unknown: the English one is shown)
  std::string long_name;  // full meaning (from the file's long_name)
  Direction direction = Direction::kNeutral;
  // A stock is a level at the end of the day (pending visits, active volunteers): it adds up over
  // stations but is averaged over the days of a period. A flow (most metrics) adds up over days.
  bool stock = false;
  std::string units;      // display units: "count", "min", "km", "%"
  std::vector<int> num;   // indices into Dataset::vars, summed
  std::vector<int> den;   // empty: the metric is a plain sum; otherwise sum(num) / sum(den)
  double factor = 1;      // 100 for shares shown in %
  bool derived = false;
  bool is_ratio() const { return !den.empty(); }
  // Counts and sums can be shown per 1,000 elders of the catchment; ratios cannot.
  bool per_elders_ok() const { return !is_ratio(); }
  const std::string& label_in(bool zh) const { return zh && !label_zh.empty() ? label_zh : label; }
};

struct StaticFact {
  std::string name, label, units;  // units as displayed ("count", "%")
  std::vector<double> values;      // per station
  bool share = false;              // stored as 0..1, shown in %
};

struct LonLat {
  double lon = 0, lat = 0;
};

// A cell edge (merged along a row or column), with what lies on either side of it.
struct Segment {
  LonLat a, b;
  int station0 = -1, station1 = -1, area0 = -1, area1 = -1;
};

// The catchment raster: grid rows go south to north (grid_lat ascending in swsim files, but any order
// is handled), columns west to east.
struct Grid {
  int ny = 0, nx = 0;
  std::vector<double> lat, lon;            // cell centres
  std::vector<double> lat_edge, lon_edge;  // ny+1 and nx+1 cell edges
  std::vector<std::int16_t> station;       // [y][x], -1 = none
  std::vector<std::int16_t> area;          // [y][x], -1 = outside every area
  // Runs of equal (station, area) along a row, for drawing with few rectangles.
  struct Span {
    int row, x0, x1;  // cells x0..x1-1
    int station, area;
  };
  std::vector<Span> spans;
  std::vector<Segment> area_edges;       // between cells of different areas (incl. outside)
  std::vector<Segment> catchment_edges;  // between catchments of different stations in one area
  bool empty() const { return ny == 0 || nx == 0; }
  int station_at(int y, int x) const { return station[static_cast<std::size_t>(y) * nx + x]; }
  int area_at(int y, int x) const { return area[static_cast<std::size_t>(y) * nx + x]; }
  // Cell holding a point, or false when outside the grid.
  bool cell_of(LonLat p, int& y, int& x) const;
};

// Builds spans and outline segments from a filled raster (lat/lon/station/area set).
void build_grid_geometry(Grid& g);

struct Dataset {
  std::string path, scenario_file, start_date;
  // What the run is: the scenario file's name and its overrides, e.g. "baseline.ini + staffing.x=1"
  // (from the `--set` and `[sweep]` comment lines of the file's `scenario` attribute).
  std::string run_label;
  std::vector<std::string> overrides;  // "staffing.social_workers_per_station=1", ...
  std::string scenario_text;           // the effective scenario (INI), to run again with a change
  int days = 0, stations = 0, areas = 0, replicates = 1;
  // A live snapshot of a run still going (swsim run --live): the days the run will have; 0 when complete.
  int live_days_total = 0;
  std::vector<std::string> replicate_seeds;  // one per replicate (decimal text)

  // Day axis.
  std::vector<long> day_number;  // days since 1970-01-01
  std::vector<double> tmax_c, tmin_c;  // NaN when absent
  std::vector<int> heat_wave, heat_warning, sauna_day, hot_night;
  double hot_night_tmin_c = 27;  // health.hot_night_tmin_c from the scenario (27 when absent)

  // Stations.
  std::vector<std::string> station_name, station_name_en;
  std::vector<std::string> station_name_latin;  // `station_name_latin` when the file has it, else empty
  std::vector<double> station_elders;           // per station; NaN when the file lacks station_elders
  std::vector<double> station_caseload;         // elders on the station's register; NaN when absent
  std::vector<int> station_global, station_area;
  std::vector<double> station_lat, station_lon;
  std::vector<StaticFact> station_facts;
  // The meal programme's points (result files since session 3; empty for older files).
  std::vector<double> meal_point_lat, meal_point_lon;
  std::vector<int> meal_point_canteen;  // 1: a canteen whose kitchen delivers; 0: serves on site only

  // Areas.
  std::vector<std::string> area_name, area_name_en;
  std::vector<double> area_lat, area_lon, area_population, area_elders;
  std::vector<int> area_stations, area_stations_simulated;

  std::vector<StationDayVar> vars;
  std::vector<Metric> metrics;
  Grid grid;

  int metric_index(const std::string& name) const;  // -1 when absent; accepts older aliases
  bool has_elders() const;                            // per-1,000-elders normalisation possible
  bool has_norm(Norm n) const;                        // that normalisation possible (kNone: always)
  // The per-station denominator of a normalisation (elders 60+, or registered elders).
  const std::vector<double>& norm_base(Norm n) const { return n == Norm::kRegistered ? station_caseload : station_elders; }
  double at(int var, int rep, int day, int station) const {
    return vars[static_cast<std::size_t>(var)]
        .values[(static_cast<std::size_t>(rep) * days + day) * stations + station];
  }
  std::string date_text(int day) const;  // "2022-06-16"
  // The chosen name of a station or area: Chinese when `cjk`, else the Latin one.
  const std::string& station_label(int s, bool cjk) const;
  const std::string& area_label(int a, bool cjk) const;
  std::vector<int> stations_of_area(int area) const;
};

// Sum of a metric's numerator and denominator over days x stations, for one replicate.
struct MetricSum {
  double num = 0, den = 0;
  int days = 1;  // days summed: a stock's period value is its mean over them
  double value(const Metric& m) const;  // NaN for a ratio with nothing in the denominator
};
MetricSum sum_metric(const Dataset& d, const Metric& m, std::span<const int> days,
                     std::span<const int> stations, int rep);

// Reads everything the GUI needs; throws swsim::results::ReadError with a one-line message.
Dataset load_dataset(const std::string& path, const ProgressFn& progress = {});

// "degC" -> "°C", "1" -> "count", otherwise unchanged.
std::string display_units(const std::string& cf_units);

}  // namespace swsim::viz
