#pragma once
// Where should the next social workers (or volunteers) go? `swsim optimize` (docs/optimize.md): given a
// scenario, an allocatable per-station resource, a budget, an objective and constraints, it finds how many
// units each simulated station gets.
//
// Method (docs/optimize.md says what it guarantees and where it can miss):
// 1. Screening: K + 1 runs in which every station gets the same k = 0..K extra units (K = the largest
//    per-station maximum), each with R replicates and the same seeds (common random numbers). Stations
//    interact only through their district's general station (lending), so station s's outcome in the run
//    at level k is its outcome with k extra units: one run gives all 161 stations' curves at once, exactly
//    when lending is off and approximately when it is on.
// 2. Greedy marginal allocation on those curves (each unit to the station whose next unit gains most,
//    within the constraints), then pairwise swaps (one unit moved from a to b while that raises the
//    estimated objective). With fairness = worst area, each unit goes to the worst area's best station.
// 3. Re-evaluation: the chosen allocation run as a whole with the same R seeds; its realised gains per
//    station (paired with the status quo) are what the allocation table reports.
// 4. Comparison on fresh replicates (seeds not used to optimise): status quo, uniform and optimised,
//    with paired 95 % intervals.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "swsim/config/config.hpp"
#include "swsim/io/result_writer.hpp"
#include "swsim/simulation/results.hpp"
#include "swsim/weather/weather.hpp"
#include "swsim/world/world.hpp"

namespace swsim::optimize {

// An allocatable resource: a per-station count of the parameter registry (key) that a unit adds to.
struct Resource {
  std::string name;      // "social_workers", "volunteers"
  std::string key;       // the registry key of its per-station default
  std::string label, label_zh;
  std::string cost_basis;  // how a unit's cost in yuan follows from the cost model
};
const std::vector<Resource>& resources();
// Throws InputError naming the known resources.
const Resource& find_resource(const std::string& name);
// Yuan per unit over the run (cost model, docs/optimize.md): a social worker's daily cost x days; a
// volunteer's allowance x expected weekday turnouts x days.
double unit_cost_yuan(const Resource& r, const Config& c);
// The status quo count of the resource at a station of the world.
int base_count(const Resource& r, const World& w, const Config& c, std::size_t station);
// The world with `units[s]` more of the resource at station s (volunteers keep their stable ids, so the
// existing ones draw exactly as before: common random numbers).
void apply_units(const Resource& r, const Config& c, const World& base, const std::vector<int>& units, World& out);

// An objective term: what is counted per station (metrics summed over days) and which way is good.
struct TermDef {
  std::string name, label, label_zh, units;
  std::vector<Metric> numerator;
  Metric share_of = Metric::kCount;  // kCount: a sum; else 100 x numerator / this metric (a share in %)
  double sign = 1;                   // +1 higher is better, -1 lower is better
};
const std::vector<TermDef>& term_defs();  // heat_harm, missed_lunches, on_time_share, visits_done
struct Term {
  const TermDef* def = nullptr;
  double weight = 1;
};
struct Objective {
  std::vector<Term> terms;
  bool worst_area = false;  // maximise the worst area's level instead of the city total
  std::string text;         // as given
};
// "heat_harm" or "heat_harm=1,missed_lunches=0.01"; throws InputError naming the terms.
Objective parse_objective(const std::string& text, bool worst_area);

// Constraints on the units added: per station and per area (indexed like World::stations / areas).
struct Bounds {
  std::vector<int> station_min, station_max, area_min, area_max;
};
Bounds default_bounds(const World& w, int min_per_station, int max_per_station);
// CSV `scope,name,min,max` with scope station|area; a station by its name_zh, name_en or global index, an
// area by Chinese name or pinyin. Stations or areas not simulated at this scale are refused. Throws
// InputError naming the file and line.
void read_constraints(const std::string& path, const World& w, Bounds& b);

struct Options {
  const Resource* resource = nullptr;
  int budget = 0;           // units to add, exactly
  Objective objective;
  Bounds bounds;
  int replicates = 4;       // for screening and re-evaluation
  int fresh_replicates = 8; // for the comparison
  int swap_rounds = 200;    // at most this many improving swaps
};

// A value with its paired 95 % interval (Student t over replicates).
struct Estimate {
  double mean = 0, lo = 0, hi = 0;
};
Estimate paired_estimate(const std::vector<double>& differences);

struct AllocationRow {
  int station = 0;  // index into World::stations
  int units = 0;
  Estimate gain;       // realised gain of its units in the re-evaluation (objective units)
  Estimate last_unit;  // marginal gain of its last unit, from the screening curves
  double predicted = 0;  // predicted gain of its units (screening curves)
};

struct Plan {
  std::vector<int> units, uniform;
  std::vector<AllocationRow> rows;  // every simulated station
  int levels = 0;                // screening levels K + 1
  double predicted_gain = 0;     // sum of the curves' gains
  Estimate realised_gain;        // re-evaluation, same seeds as the screening
  double swaps = 0;              // improving swaps made
  int flat_units = 0;            // units whose estimated marginal gain was zero or less (placed by tie order)
  // Fresh replicates: the objective of each allocation and the paired differences.
  Estimate status_quo, uniform_value, optimised;
  Estimate vs_status_quo, vs_uniform;
  std::vector<std::string> term_lines;  // per term: fresh optimised vs status quo, in the term's units
  std::vector<Results> optimised_runs;  // the fresh replicates of the optimised allocation
  std::vector<std::uint64_t> fresh_seeds;
  int runs = 0;                         // simulations made (replicates counted)
};

// The uniform allocation: budget / N each, the remainder spread evenly over the station order.
std::vector<int> uniform_allocation(int stations, int budget);

// The allocation from curves value[k][s] (the objective at station s with k extra units): greedy then
// swaps. Exposed for tests; `swaps` receives the number of improving swaps. Throws InputError when the
// bounds cannot be met with the budget.
std::vector<int> allocate_sum(const std::vector<std::vector<double>>& value, const Bounds& b,
                              const std::vector<int>& station_area, int budget, int swap_rounds, int* swaps);
// Worst-area variant: level[k][s] is the station's contribution to its area's level.
std::vector<int> allocate_worst_area(const std::vector<std::vector<double>>& level, const Bounds& b,
                                     const std::vector<int>& station_area, int areas, int budget);

// Replicate runs the method makes: (levels + 1) x replicates + 3 x fresh replicates.
int planned_runs(const Options& o);

// The whole method. `on_run(done, total)` reports progress (serialised).
Plan optimize(const Config& config, const World& world, const std::vector<WeatherDay>& weather, const Options& o,
              const std::function<void(int, int)>& on_run = {});

// station,station_zh,area,area_zh,base,units_added,gain,gain_lo,gain_hi,last_unit_gain,last_unit_lo,
// last_unit_hi,predicted_gain
std::string allocation_csv(const Plan& p, const World& w, const Config& c, const Options& o);
std::string summary_text(const Plan& p, const World& w, const Config& c, const Options& o);

// What the result file of the optimised scenario carries (RunInfo::station_extra, extra_attributes):
// station variables optimize_units_added (int32), optimize_gain, optimize_gain_lo, optimize_gain_hi,
// optimize_last_unit_gain, and global attributes optimize_resource, optimize_objective, optimize_budget,
// optimize_vs_uniform, optimize_vs_status_quo (docs/optimize.md).
void add_to_run_info(const Plan& p, const Options& o, const Config& c, RunInfo& info);

}  // namespace swsim::optimize
