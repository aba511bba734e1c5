// swsim optimize (optimize.hpp): resources, objectives, constraints and the method's runs.
#include "swsim/optimize/optimize.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "swsim/simulation/ensemble.hpp"
#include "swsim/util/error.hpp"
#include "swsim/util/text.hpp"

namespace swsim::optimize {
namespace {

// Seeds of the fresh replicates: a different stream of run seeds from the ones used to optimise.
constexpr std::uint64_t kFreshSalt = 0x6F7074696D697A65ull;  // "optimize"

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (true) {
    const auto c = s.find(sep, from);
    out.push_back(trim(s.substr(from, c == std::string::npos ? std::string::npos : c - from)));
    if (c == std::string::npos) return out;
    from = c + 1;
  }
}

int to_int(const std::string& t, const std::string& where) {
  std::size_t used = 0;
  int v = 0;
  try {
    v = std::stoi(t, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != t.size() || v < 0) throw InputError(where + ": '" + shown(t) + "' is not a whole number >= 0");
  return v;
}

// One evaluation: objective terms per replicate per station, [term][replicate][station], signed so that
// higher is better; the runs themselves when asked for.
struct Eval {
  std::vector<std::vector<std::vector<double>>> v;
  std::vector<Results> runs;
  std::vector<std::uint64_t> seeds;
};

double metric_sum(const Results& r, Metric m, int s) {
  double t = 0;
  for (int d = 0; d < r.days(); ++d) t += r.at(m, d, s);
  return t;
}

std::vector<double> term_values(const TermDef& t, const Results& r) {
  std::vector<double> v(static_cast<std::size_t>(r.stations()), 0.0);
  for (int s = 0; s < r.stations(); ++s)
    for (Metric m : t.numerator) v[static_cast<std::size_t>(s)] += metric_sum(r, m, s);
  double scale = t.sign;
  if (t.share_of != Metric::kCount) {
    double den = 0;
    for (int s = 0; s < r.stations(); ++s) den += metric_sum(r, t.share_of, s);
    scale *= den > 0 ? 100.0 / den : 0.0;
  }
  for (double& x : v) x *= scale;
  return v;
}

struct Runner {
  const Config& config;
  const World& base;
  const std::vector<WeatherDay>& weather;
  const Options& o;
  World scratch;
  const std::function<void(int, int)>& on_run;
  int done = 0, total = 0;

  Eval run(const std::vector<int>& units, std::uint64_t seed, int reps, bool keep) {
    apply_units(*o.resource, config, base, units, scratch);
    Config c = config;
    c.run.seed = seed;
    c.run.replicates = reps;
    Ensemble e = run_ensemble(c, scratch, weather);
    Eval ev;
    ev.seeds = e.seeds;
    for (const Term& t : o.objective.terms) {
      ev.v.emplace_back();
      for (const Results& r : e.replicates) ev.v.back().push_back(term_values(*t.def, r));
    }
    if (keep) ev.runs = std::move(e.replicates);
    done += reps;
    if (on_run) on_run(done, total);
    return ev;
  }
};

// Per-area scale of each term so that an area's level is the term's area-level value: an area's share for
// a share term, per 1,000 elders for a sum.
std::vector<std::vector<double>> area_scales(const Objective& obj, const World& w, const Results& status_quo) {
  std::vector<std::vector<double>> scale;
  for (const Term& t : obj.terms) {
    std::vector<double> num(w.areas.size(), 0.0);
    double city = 0;
    for (std::size_t s = 0; s < w.stations.size(); ++s) {
      const double x = t.def->share_of == Metric::kCount
                           ? static_cast<double>(w.stations[s].elder_end - w.stations[s].elder_begin) / 1000.0
                           : metric_sum(status_quo, t.def->share_of, static_cast<int>(s));
      num[static_cast<std::size_t>(w.stations[s].area)] += x;
      city += x;
    }
    scale.emplace_back();
    for (double n : num) scale.back().push_back(n > 0 ? (t.def->share_of == Metric::kCount ? 1.0 / n : city / n) : 0.0);
  }
  return scale;
}

// The objective of replicate r at station s (sum form) and its contribution to its area's level.
double station_value(const Objective& obj, const Eval& e, std::size_t r, std::size_t s) {
  double v = 0;
  for (std::size_t t = 0; t < obj.terms.size(); ++t) v += obj.terms[t].weight * e.v[t][r][s];
  return v;
}
double station_level(const Objective& obj, const Eval& e, const std::vector<std::vector<double>>& scale,
                     const World& w, std::size_t r, std::size_t s) {
  double v = 0;
  const auto a = static_cast<std::size_t>(w.stations[s].area);
  for (std::size_t t = 0; t < obj.terms.size(); ++t) v += obj.terms[t].weight * scale[t][a] * e.v[t][r][s];
  return v;
}

// The objective of each replicate: the city total, or the worst area's level.
std::vector<double> objective_per_replicate(const Objective& obj, const Eval& e,
                                            const std::vector<std::vector<double>>& scale, const World& w) {
  std::vector<double> out;
  const std::size_t reps = e.v.empty() ? 0 : e.v[0].size();
  for (std::size_t r = 0; r < reps; ++r) {
    if (!obj.worst_area) {
      double t = 0;
      for (std::size_t s = 0; s < w.stations.size(); ++s) t += station_value(obj, e, r, s);
      out.push_back(t);
      continue;
    }
    std::vector<double> lvl(w.areas.size(), 0.0);
    std::vector<char> present(w.areas.size(), 0);
    for (std::size_t s = 0; s < w.stations.size(); ++s) {
      lvl[static_cast<std::size_t>(w.stations[s].area)] += station_level(obj, e, scale, w, r, s);
      present[static_cast<std::size_t>(w.stations[s].area)] = 1;
    }
    double worst = 0;
    bool any = false;
    for (std::size_t a = 0; a < lvl.size(); ++a)
      if (present[a] && (!any || lvl[a] < worst)) {
        worst = lvl[a];
        any = true;
      }
    out.push_back(worst);
  }
  return out;
}

std::vector<double> minus(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> d;
  for (std::size_t i = 0; i < a.size(); ++i) d.push_back(a[i] - b[i]);
  return d;
}

Estimate mean_of(const std::vector<double>& v) { return paired_estimate(v); }

}  // namespace

const std::vector<Resource>& resources() {
  static const std::vector<Resource> table{
      {"social_workers", "staffing.social_workers_per_station", "social workers", "社工",
       "cost.social_worker_yuan_per_day x run.days (a worker is paid for every day of the period)"},
      {"volunteers", "volunteers.roster_per_station", "rostered volunteers", "在册志愿者",
       "cost.volunteer_allowance_yuan x volunteers.turnout_weekday x run.days (expected turnouts)"},
  };
  return table;
}

const Resource& find_resource(const std::string& name) {
  std::string known;
  for (const auto& r : resources()) {
    if (r.name == name) return r;
    known += (known.empty() ? "" : ", ") + r.name;
  }
  throw InputError("--resource: unknown resource '" + shown(name) + "' (allocatable: " + known + ")");
}

double unit_cost_yuan(const Resource& r, const Config& c) {
  if (r.name == "social_workers") return c.cost.social_worker_yuan_per_day * c.run.days;
  return c.cost.volunteer_allowance_yuan * c.volunteers.turnout_weekday * c.run.days;
}

int base_count(const Resource& r, const World& w, const Config& c, std::size_t s) {
  (void)c;
  const Station& st = w.stations[s];
  return r.name == "social_workers" ? st.social_workers : static_cast<int>(st.volunteer_end - st.volunteer_begin);
}

void apply_units(const Resource& r, const Config& c, const World& base, const std::vector<int>& units, World& out) {
  for (std::size_t s = 0; s < out.stations.size(); ++s) {
    out.stations[s].social_workers = base.stations[s].social_workers;
    if (r.name == "social_workers") out.stations[s].social_workers += units[s];
  }
  if (r.name == "volunteers") build_volunteers(c, out, units);
}

const std::vector<TermDef>& term_defs() {
  using M = Metric;
  static const std::vector<TermDef> table{
      {"heat_harm", "expected heat deaths + hospitalisations", "预期中暑死亡与住院", "1",
       {M::kHeatDeathsExpectedFoundEarly, M::kHeatDeathsExpectedFoundLate, M::kHeatDeathsExpectedNotFound,
        M::kHospitalisationsExpected},
       M::kCount, -1},
      {"missed_lunches", "missed lunches", "未送达午餐", "1", {M::kMealsMissed}, M::kCount, -1},
      {"on_time_share", "on-time share of lunches", "午餐准时率", "%", {M::kMealsOnTime}, M::kMealsRequested, 1},
      {"visits_done", "routine visits done", "完成探访", "1", {M::kVisitsDone}, M::kCount, 1},
  };
  return table;
}

Objective parse_objective(const std::string& text, bool worst_area) {
  Objective o;
  o.text = text;
  o.worst_area = worst_area;
  for (const std::string& part : split(text, ',')) {
    const auto eq = part.find('=');
    const std::string name = trim(part.substr(0, eq));
    const TermDef* def = nullptr;
    std::string known;
    for (const auto& t : term_defs()) {
      if (t.name == name) def = &t;
      known += (known.empty() ? "" : ", ") + t.name;
    }
    if (!def) throw InputError("--objective: unknown term '" + shown(name) + "' (terms: " + known + ")");
    double w = 1;
    if (eq != std::string::npos) {
      const std::string wt = trim(part.substr(eq + 1));
      char* end = nullptr;
      w = std::strtod(wt.c_str(), &end);
      if (wt.empty() || *end != '\0' || !std::isfinite(w) || w <= 0)
        throw InputError("--objective: weight of " + name + " '" + shown(wt) + "' must be a positive number");
    }
    o.terms.push_back({def, w});
  }
  return o;
}

Bounds default_bounds(const World& w, int min_per_station, int max_per_station) {
  Bounds b;
  b.station_min.assign(w.stations.size(), min_per_station);
  b.station_max.assign(w.stations.size(), max_per_station);
  b.area_min.assign(w.areas.size(), 0);
  b.area_max.assign(w.areas.size(), 1 << 30);
  return b;
}

void read_constraints(const std::string& path, const World& w, Bounds& b) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": constraints file not found or not readable");
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty() || trim(line)[0] == '#') continue;
    const std::string where = path + ":" + std::to_string(n);
    const auto f = split(line, ',');
    if (n == 1 && !f.empty() && f[0] == "scope") continue;  // the header
    if (f.size() != 4) throw InputError(where + ": expected 'scope,name,min,max' (4 fields), got " + std::to_string(f.size()));
    const int lo = to_int(f[2], where + ": min"), hi = to_int(f[3], where + ": max");
    if (lo > hi) throw InputError(where + ": min " + f[2] + " exceeds max " + f[3]);
    bool found = false;
    if (f[0] == "station") {
      for (std::size_t s = 0; s < w.stations.size(); ++s) {
        const Station& st = w.stations[s];
        if (st.name_zh != f[1] && st.name_en != f[1] && std::to_string(st.global_index) != f[1]) continue;
        b.station_min[s] = lo;
        b.station_max[s] = hi;
        found = true;
      }
    } else if (f[0] == "area") {
      for (std::size_t a = 0; a < w.areas.size(); ++a) {
        if (w.areas[a].name_zh != f[1] && w.areas[a].name_en != f[1]) continue;
        b.area_min[a] = lo;
        b.area_max[a] = hi;
        found = true;
      }
    } else {
      throw InputError(where + ": scope '" + shown(f[0]) + "' must be station or area");
    }
    if (!found)
      throw InputError(where + ": no simulated " + f[0] + " '" + shown(f[1]) + "' (a name in Chinese or English" +
                       (f[0] == "station" ? ", or the station's global index" : "") + "; is it simulated at this scale?)");
  }
}

namespace {

struct Screening {
  std::vector<Eval> levels;  // levels[k]: every station with k extra units
  std::vector<std::vector<double>> value, level;  // [k][s]: means over replicates
  std::vector<std::vector<double>> scale;         // area scales of the terms
};

Screening screen(Runner& run, int top, const std::uint64_t seed) {
  const Options& o = run.o;
  const World& w = run.base;
  Screening sc;
  for (int k = 0; k <= top; ++k) {
    sc.levels.push_back(run.run(std::vector<int>(w.stations.size(), k), seed, o.replicates, k == 0));
    if (k == 0) sc.scale = area_scales(o.objective, w, sc.levels[0].runs[0]);
    const Eval& e = sc.levels.back();
    sc.value.emplace_back(w.stations.size(), 0.0);
    sc.level.emplace_back(w.stations.size(), 0.0);
    for (std::size_t s = 0; s < w.stations.size(); ++s)
      for (std::size_t r = 0; r < static_cast<std::size_t>(o.replicates); ++r) {
        sc.value.back()[s] += station_value(o.objective, e, r, s) / o.replicates;
        sc.level.back()[s] += station_level(o.objective, e, sc.scale, w, r, s) / o.replicates;
      }
  }
  return sc;
}

void check_options(const World& w, const Options& o) {
  if (!o.resource) throw InputError("optimize: no resource");
  if (o.objective.terms.empty()) throw InputError("--objective: no terms");
  if (o.budget < 0) throw InputError("the budget must be 0 or more units");
  if (o.replicates < 2 || o.fresh_replicates < 2)
    throw InputError("--replicates and --fresh-replicates must be at least 2 (intervals need two)");
  if (o.bounds.station_min.size() != w.stations.size() || o.bounds.area_min.size() != w.areas.size())
    throw InputError("optimize: bounds do not match the world");
  if (w.stations.empty()) throw InputError("optimize: no stations simulated");
}

// The table rows: realised gains (re-evaluation vs status quo, same seeds) and the last unit's gain.
void fill_rows(Plan& p, const Screening& sc, const Eval& re, const Objective& obj, int reps) {
  for (std::size_t s = 0; s < p.units.size(); ++s) {
    AllocationRow row;
    row.station = static_cast<int>(s);
    row.units = p.units[s];
    std::vector<double> gain, last;
    for (std::size_t r = 0; r < static_cast<std::size_t>(reps); ++r) {
      gain.push_back(station_value(obj, re, r, s) - station_value(obj, sc.levels[0], r, s));
      if (row.units > 0)
        last.push_back(station_value(obj, sc.levels[static_cast<std::size_t>(row.units)], r, s) -
                       station_value(obj, sc.levels[static_cast<std::size_t>(row.units) - 1], r, s));
    }
    row.gain = paired_estimate(gain);
    row.last_unit = paired_estimate(last);
    row.predicted = sc.value[static_cast<std::size_t>(row.units)][s] - sc.value[0][s];
    for (std::size_t k = 1; k <= static_cast<std::size_t>(row.units); ++k) p.flat_units += sc.value[k][s] <= sc.value[k - 1][s];
    p.predicted_gain += row.predicted;
    p.rows.push_back(row);
  }
}

// Status quo, uniform and optimised on fresh replicates, paired.
void compare_fresh(Plan& p, Runner& run, const Screening& sc) {
  const Options& o = run.o;
  const World& w = run.base;
  const std::uint64_t fresh = replicate_seed(run.config.run.seed ^ kFreshSalt, 1);
  const Eval sq = run.run(std::vector<int>(w.stations.size(), 0), fresh, o.fresh_replicates, false);
  const Eval un = run.run(p.uniform, fresh, o.fresh_replicates, false);
  Eval op = run.run(p.units, fresh, o.fresh_replicates, true);
  const auto ysq = objective_per_replicate(o.objective, sq, sc.scale, w);
  const auto yun = objective_per_replicate(o.objective, un, sc.scale, w);
  const auto yop = objective_per_replicate(o.objective, op, sc.scale, w);
  p.status_quo = mean_of(ysq);
  p.uniform_value = mean_of(yun);
  p.optimised = mean_of(yop);
  p.vs_status_quo = paired_estimate(minus(yop, ysq));
  p.vs_uniform = paired_estimate(minus(yop, yun));
  char buf[512];
  for (std::size_t t = 0; t < o.objective.terms.size(); ++t) {
    const TermDef& d = *o.objective.terms[t].def;
    std::vector<double> a, b, c;
    for (std::size_t r = 0; r < ysq.size(); ++r) {
      double x = 0, y = 0, z = 0;
      for (std::size_t s = 0; s < w.stations.size(); ++s) {
        x += sq.v[t][r][s] * d.sign;
        y += un.v[t][r][s] * d.sign;
        z += op.v[t][r][s] * d.sign;
      }
      a.push_back(x), b.push_back(y), c.push_back(z);
    }
    const Estimate e1 = paired_estimate(minus(c, a)), e2 = paired_estimate(minus(c, b));
    std::snprintf(buf, sizeof buf,
                  "%s (%s, %s): status quo %.4g, uniform %.4g, optimised %.4g; optimised - status quo %+.4g "
                  "(95%% %+.4g to %+.4g), optimised - uniform %+.4g (95%% %+.4g to %+.4g)",
                  d.name.c_str(), d.label.c_str(), d.label_zh.c_str(), mean_of(a).mean, mean_of(b).mean,
                  mean_of(c).mean, e1.mean, e1.lo, e1.hi, e2.mean, e2.lo, e2.hi);
    p.term_lines.push_back(buf);
  }
  p.optimised_runs = std::move(op.runs);
  p.fresh_seeds = op.seeds;
}

}  // namespace

int planned_runs(const Options& o) {
  const int top = o.bounds.station_max.empty()
                      ? 0
                      : std::max(0, std::min(o.budget, *std::max_element(o.bounds.station_max.begin(), o.bounds.station_max.end())));
  return (top + 2) * o.replicates + 3 * o.fresh_replicates;
}

Plan optimize(const Config& config, const World& world, const std::vector<WeatherDay>& weather, const Options& o,
              const std::function<void(int, int)>& on_run) {
  check_options(world, o);
  const int top = std::max(0, std::min(o.budget, *std::max_element(o.bounds.station_max.begin(), o.bounds.station_max.end())));
  Runner run{config, world, weather, o, world, on_run, 0, planned_runs(o)};
  Plan p;
  p.levels = top + 1;
  const Screening sc = screen(run, top, config.run.seed);
  std::vector<int> area_of;
  for (const Station& st : world.stations) area_of.push_back(st.area);
  int swaps = 0;
  p.units = o.objective.worst_area
                ? allocate_worst_area(sc.level, o.bounds, area_of, static_cast<int>(world.areas.size()), o.budget)
                : allocate_sum(sc.value, o.bounds, area_of, o.budget, o.swap_rounds, &swaps);
  p.swaps = swaps;
  p.uniform = uniform_allocation(static_cast<int>(world.stations.size()), o.budget);
  const Eval re = run.run(p.units, config.run.seed, o.replicates, false);
  fill_rows(p, sc, re, o.objective, o.replicates);
  p.realised_gain = paired_estimate(minus(objective_per_replicate(o.objective, re, sc.scale, world),
                                          objective_per_replicate(o.objective, sc.levels[0], sc.scale, world)));
  if (o.objective.worst_area) {
    // Predicted: the worst area's level from the curves, minus the status quo's.
    std::vector<double> base(world.areas.size(), 0.0), with(world.areas.size(), 0.0);
    std::vector<char> present(world.areas.size(), 0);
    for (std::size_t s = 0; s < world.stations.size(); ++s) {
      base[static_cast<std::size_t>(area_of[s])] += sc.level[0][s];
      with[static_cast<std::size_t>(area_of[s])] += sc.level[static_cast<std::size_t>(p.units[s])][s];
      present[static_cast<std::size_t>(area_of[s])] = 1;
    }
    double b0 = 1e300, b1 = 1e300;
    for (std::size_t a = 0; a < base.size(); ++a)
      if (present[a]) b0 = std::min(b0, base[a]), b1 = std::min(b1, with[a]);
    p.predicted_gain = b1 - b0;
  }
  compare_fresh(p, run, sc);
  p.runs = run.done;
  return p;
}

std::string allocation_csv(const Plan& p, const World& w, const Config& c, const Options& o) {
  std::ostringstream out;
  out << "station,station_zh,global_index,area,area_zh,base,units_added,gain,gain_lo,gain_hi,last_unit_gain,"
         "last_unit_lo,last_unit_hi,predicted_gain\n";
  char buf[256];
  for (const AllocationRow& r : p.rows) {
    const Station& st = w.stations[static_cast<std::size_t>(r.station)];
    const Area& a = w.areas[static_cast<std::size_t>(st.area)];
    std::snprintf(buf, sizeof buf, ",%d,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g\n",
                  base_count(*o.resource, w, c, static_cast<std::size_t>(r.station)), r.units, r.gain.mean, r.gain.lo,
                  r.gain.hi, r.last_unit.mean, r.last_unit.lo, r.last_unit.hi, r.predicted);
    out << st.name_en << "," << st.name_zh << "," << st.global_index << "," << a.name_en << "," << a.name_zh << buf;
  }
  return out.str();
}

std::string summary_text(const Plan& p, const World& w, const Config& c, const Options& o) {
  std::ostringstream out;
  char buf[512];
  int placed = 0, stations = 0;
  for (int u : p.units) placed += u, stations += u > 0;
  std::snprintf(buf, sizeof buf,
                "swsim optimize: %d %s (%s) over %zu stations, %d to %d stations; unit cost %.0f yuan, total %.0f "
                "yuan\nobjective: %s%s, signed so that higher is better (harm and missed lunches count negative); %d screening "
                "levels x %d replicates, %g swaps, %d runs\n",
                placed, o.resource->label.c_str(), o.resource->label_zh.c_str(), w.stations.size(), placed, stations,
                unit_cost_yuan(*o.resource, c), placed * unit_cost_yuan(*o.resource, c), o.objective.text.c_str(),
                o.objective.worst_area ? ", worst area" : "", p.levels, o.replicates, p.swaps, p.runs);
  out << buf;
  std::snprintf(buf, sizeof buf,
                "gain (optimisation seeds): predicted %.4g, realised %.4g (95%% %.4g to %.4g)\n"
                "fresh replicates (%d): status quo %.4g, uniform %.4g, optimised %.4g\n"
                "  optimised - status quo %+.4g (95%% %+.4g to %+.4g)\n  optimised - uniform    %+.4g (95%% %+.4g to %+.4g)\n",
                p.predicted_gain, p.realised_gain.mean, p.realised_gain.lo, p.realised_gain.hi, o.fresh_replicates,
                p.status_quo.mean, p.uniform_value.mean, p.optimised.mean, p.vs_status_quo.mean, p.vs_status_quo.lo,
                p.vs_status_quo.hi, p.vs_uniform.mean, p.vs_uniform.lo, p.vs_uniform.hi);
  out << buf;
  for (const auto& line : p.term_lines) out << "  " << line << "\n";
  if (p.flat_units > 0)
    out << "note: " << p.flat_units << " of the units had no estimated gain where they went (the objective did not "
        << "respond to more at any station that could take them); they were placed by tie order (fewest units, "
        << "then station order)\n";
  return out.str();
}

void add_to_run_info(const Plan& p, const Options& o, const Config& c, RunInfo& info) {
  const std::string what = o.resource->label + " added (" + o.objective.text + ")";
  auto column = [&](auto f) {
    std::vector<double> v;
    for (const AllocationRow& r : p.rows) v.push_back(f(r));
    return v;
  };
  info.station_extra.push_back({"optimize_units_added", "1", what, o.resource->label + " added",
                                o.resource->label_zh + "增配", column([](const AllocationRow& r) { return r.units; }), true});
  const std::string g = "gain in the objective from the station's added units (re-evaluation, same seeds)";
  info.station_extra.push_back({"optimize_gain", "1", g, "allocation gain", "增配收益",
                                column([](const AllocationRow& r) { return r.gain.mean; }), false});
  info.station_extra.push_back({"optimize_gain_lo", "1", g + ", 95 % interval low", "gain (low)", "增配收益下限",
                                column([](const AllocationRow& r) { return r.gain.lo; }), false});
  info.station_extra.push_back({"optimize_gain_hi", "1", g + ", 95 % interval high", "gain (high)", "增配收益上限",
                                column([](const AllocationRow& r) { return r.gain.hi; }), false});
  info.station_extra.push_back({"optimize_last_unit_gain", "1", "marginal gain of the station's last added unit (screening)",
                                "last unit's gain", "末位增配边际收益",
                                column([](const AllocationRow& r) { return r.last_unit.mean; }), false});
  char buf[160];
  auto est = [&](const Estimate& e) {
    std::snprintf(buf, sizeof buf, "%.6g (95%% %.6g to %.6g)", e.mean, e.lo, e.hi);
    return std::string(buf);
  };
  int placed = 0;
  for (int u : p.units) placed += u;
  std::snprintf(buf, sizeof buf, "%d units, %.0f yuan", placed, placed * unit_cost_yuan(*o.resource, c));
  info.extra_attributes.push_back({"optimize_resource", o.resource->name});
  info.extra_attributes.push_back({"optimize_objective", o.objective.text + (o.objective.worst_area ? " (worst area)" : "")});
  info.extra_attributes.push_back({"optimize_budget", buf});
  info.extra_attributes.push_back({"optimize_vs_uniform", est(p.vs_uniform)});
  info.extra_attributes.push_back({"optimize_vs_status_quo", est(p.vs_status_quo)});
}

}  // namespace swsim::optimize
