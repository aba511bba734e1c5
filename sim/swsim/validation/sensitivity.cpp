#include "swsim/validation/sensitivity.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <sstream>

#include "swsim/config/parameters.hpp"
#include "swsim/simulation/ensemble.hpp"
#include "swsim/simulation/indicators.hpp"
#include "swsim/util/error.hpp"
#include "swsim/weather/weather.hpp"
#include "swsim/world/world.hpp"
#include "swsim/world/world_cache.hpp"

namespace swsim::sensitivity {
namespace {

bool to_double(std::string_view t, double& v) {
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
  return r.ec == std::errc() && r.ptr == t.data() + t.size() && std::isfinite(v);
}

// The allowed interval of a numeric parameter from its range text: "[lo, hi]", "(lo, hi]" or "lo-hi"
// (whole numbers). False for anything else (text, lists, enums).
struct Allowed {
  double lo = 0, hi = 0;
  bool integer = false;
};
bool allowed_interval(const ParamDef& p, Allowed& a) {
  const std::string& r = p.range;
  if (r.size() > 4 && (r.front() == '[' || r.front() == '(') && r.back() == ']') {
    const auto comma = r.find(',');
    if (comma == std::string::npos) return false;
    return to_double(std::string_view(r).substr(1, comma - 1), a.lo) &&
           to_double(std::string_view(r).substr(comma + 1, r.size() - comma - 2), a.hi);
  }
  const auto dash = r.find('-', 1);
  if (dash == std::string::npos) return false;
  a.integer = true;
  return to_double(std::string_view(r).substr(0, dash), a.lo) && to_double(std::string_view(r).substr(dash + 1), a.hi);
}

std::uint64_t splitmix64(std::uint64_t& s) {
  std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}
int below(std::uint64_t& s, int n) { return static_cast<int>(splitmix64(s) % static_cast<std::uint64_t>(n)); }

Factor factor_from_range(const SensitivityRange& r, const std::string& why) {
  const ParamDef* p = find_parameter(r.key);
  Allowed a;
  Factor f{r.key, 0, 0, false, why};
  if (!p || !allowed_interval(*p, a) || !to_double(r.low, f.low) || !to_double(r.high, f.high))
    throw InputError("[sensitivity] " + r.key + ": not a numeric parameter");
  f.integer = a.integer;
  if (f.low >= f.high) throw InputError("[sensitivity] " + r.key + " = " + r.low + ", " + r.high + ": the low end must be below the high end");
  return f;
}

}  // namespace

const std::vector<DefaultFactor>& default_factors() {
  // The assumptions planners ask about, each over the range the sources (docs/sources.md) allow, or a range
  // around an assumed value when nothing was found (marked "assumption").
  static const std::vector<DefaultFactor> table{
      {"staffing.social_workers_per_station", "2", "4", "2.4-2.9 per station nationally and in Shandong; 4.7 in Guangdong 2017"},
      {"staffing.weekend_min_on_duty", "1", "3", "no source on weekend duty (assumption)"},
      {"volunteers.roster_per_station", "5", "20", "roster size an assumption; 5-10 % of registered volunteers active"},
      {"volunteers.turnout_weekday", "0.2", "0.5", "assumption around 0.35"},
      {"volunteers.heat_turnout_drop_per_c", "0.02", "0.1", "direction from the literature, size an assumption"},
      {"volunteers.monthly_dropout", "0.02", "0.06", "more than 1 in 3 quit within a year"},
      {"general_station.mobile_team", "1", "4", "assumption around 2"},
      {"lunch.box_capacity", "6", "12", "insulated boxes of 6-12 meals (assumption)"},
      {"travel.detour_factor", "1.2", "1.45", "road distance 1.2-1.34 x straight line, wider for rural roads"},
      {"lunch.point_couriers", "1", "3", "couriers per canteen: assumption around 2 [EST]"},
      {"lunch.point_delivery_capacity", "6", "24", "meals a canteen delivers a day: assumption around 12 [EST]"},
      {"lunch.warning_switch_share", "0.3", "0.7", "Beijing survey 53.9 % prefer delivery; range an assumption"},
      {"lunch.delivered_share", "0.1", "0.3", "Chongqing 17 % delivered; range an assumption"},
      {"caseload.visit_time_share", "0.3", "0.9", "assumption around 0.6"},
      {"caseload.escort_interval_days", "180", "720", "assumption around 360 (rescaled for full registers)"},
      {"services.call_detection", "0.4", "0.8", "assumption around 0.6"},
      {"services.visit_detection", "0.7", "1", "assumption around 0.9"},
      {"health.meal_contact_detection", "0.25", "0.75", "assumption around 0.5"},
      {"health.rr_per_c_65plus", "1.026", "1.05", "Jinan 2007-2013, 65+: RR 1.038 (1.026-1.050) per degC"},
      {"health.hot_night_factor", "1.2", "1.53", "Shandong hot nights RR 1.44 (1.35-1.53); default 1.3 [EST]"},
      {"health.prevention_rr", "0.4", "0.92", "Rome programme RR 0.70 (0.54-0.92); social contact OR 0.40 [EST]"},
      {"health.severe_share", "0.32", "0.71", "China CDC 32% severe (all ages); Jinan 58-71% [EST 0.45]"},
      {"health.family_detection", "0.6", "0.95", "assumption around 0.8"},
      {"population.living_alone_share", "0.1", "0.16", "10-15 % living alone (literature), 15 % derived from the 2021 survey"},
      {"loneliness.visit_effect", "0.05", "0.3", "assumption around 0.15"},
  };
  return table;
}

std::vector<Factor> factors_for(const Scenario& scenario) {
  std::vector<Factor> out;
  for (const auto& r : scenario.sensitivity) out.push_back(factor_from_range(r, "[sensitivity] section"));
  if (!out.empty()) return out;
  for (const auto& d : default_factors())
    out.push_back(factor_from_range(parse_sensitivity_range(d.key, d.low + ", " + d.high), d.why));
  return out;
}

std::string factor_value(const Factor& f, double u) {
  const double v = f.low + u * (f.high - f.low);
  if (f.integer) return std::to_string(static_cast<long long>(std::llround(v)));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

Design morris_design(int factors, int trajectories, int levels, std::uint64_t seed) {
  if (factors < 1 || trajectories < 1 || levels < 2 || levels % 2 != 0)
    throw InputError("Morris design: need at least 1 factor and 1 trajectory and an even number of levels >= 2");
  Design d{factors, trajectories, levels, levels / (2.0 * (levels - 1)), {}, {}};
  std::uint64_t s = seed ^ 0x6D6F72726973ULL;  // "morris"
  const int starts = levels / 2;                // grid levels from which a step of delta stays inside [0, 1]
  for (int t = 0; t < trajectories; ++t) {
    std::vector<double> x(static_cast<std::size_t>(factors));
    std::vector<double> sign(static_cast<std::size_t>(factors));
    for (int i = 0; i < factors; ++i) {
      const double base = below(s, starts) / static_cast<double>(levels - 1);
      sign[static_cast<std::size_t>(i)] = below(s, 2) ? 1.0 : -1.0;
      x[static_cast<std::size_t>(i)] = sign[static_cast<std::size_t>(i)] > 0 ? base : base + d.delta;
    }
    std::vector<int> order(static_cast<std::size_t>(factors));
    std::iota(order.begin(), order.end(), 0);
    for (int i = factors - 1; i > 0; --i) std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(below(s, i + 1))]);
    d.points.push_back(x);
    d.changed.push_back(-1);
    for (int i : order) {
      x[static_cast<std::size_t>(i)] += sign[static_cast<std::size_t>(i)] * d.delta;
      d.points.push_back(x);
      d.changed.push_back(i);
    }
  }
  return d;
}

std::vector<Output> resolve_outputs(const std::vector<std::string>& names) {
  std::vector<Output> out;
  for (const auto& n : names) {
    if (const IndicatorDef* ind = find_indicator(n)) {
      out.push_back({n, std::string(ind->units)});
      continue;
    }
    bool found = false;
    for (std::size_t m = 0; m < kMetricCount && !found; ++m)
      if (metric_def(static_cast<Metric>(m)).name == n) {
        out.push_back({n, std::string(metric_def(static_cast<Metric>(m)).units)});
        found = true;
      }
    if (found) continue;
    std::string known;
    for (const auto& d : indicator_defs()) known += (known.empty() ? "" : ", ") + std::string(d.name);
    throw InputError("unknown output '" + n + "' (an indicator: " + known + "; or any metric of 'swsim schema')");
  }
  return out;
}

std::vector<double> output_values(const std::vector<Output>& outputs, const Results& results) {
  std::vector<double> sums(kMetricCount, 0.0);
  for (std::size_t m = 0; m < kMetricCount; ++m)
    for (double v : results.series(static_cast<Metric>(m))) sums[m] += v;
  std::vector<double> y;
  for (const auto& o : outputs) {
    if (const IndicatorDef* ind = find_indicator(o.name)) {
      y.push_back(indicator_value(*ind, sums));
      continue;
    }
    for (std::size_t m = 0; m < kMetricCount; ++m)
      if (metric_def(static_cast<Metric>(m)).name == o.name) y.push_back(sums[m]);
  }
  return y;
}

std::vector<Effect> morris_effects(const Design& design, const std::vector<Factor>& factors,
                                   const std::vector<Output>& outputs, const std::vector<std::vector<double>>& y) {
  std::vector<Effect> effects;
  const std::size_t per = static_cast<std::size_t>(design.factors) + 1;
  for (std::size_t o = 0; o < outputs.size(); ++o) {
    std::vector<std::vector<double>> ee(factors.size());
    for (std::size_t p = 0; p < design.points.size(); ++p) {
      if (p % per == 0) continue;
      const auto i = static_cast<std::size_t>(design.changed[p]);
      const Factor& f = factors[i];
      // The step the factor really took (whole-number factors are rounded), as a share of its range.
      const double u0 = design.points[p - 1][i], u1 = design.points[p][i];
      const double step = f.integer ? (std::stod(factor_value(f, u1)) - std::stod(factor_value(f, u0))) / (f.high - f.low)
                                    : u1 - u0;
      const double dy = y[p][o] - y[p - 1][o];
      if (step != 0 && std::isfinite(dy)) ee[i].push_back(dy / step);
    }
    const std::size_t first = effects.size();
    for (std::size_t i = 0; i < factors.size(); ++i) {
      Effect e{factors[i].key, outputs[o].name, 0, 0, 0, 0};
      const double n = static_cast<double>(ee[i].size());
      for (double v : ee[i]) {
        e.mu += v / n;
        e.mu_star += std::abs(v) / n;
      }
      double ss = 0;
      for (double v : ee[i]) ss += (v - e.mu) * (v - e.mu);
      e.sigma = ee[i].size() > 1 ? std::sqrt(ss / (n - 1)) : 0.0;
      if (ee[i].empty()) e.mu = e.mu_star = e.sigma = std::nan("");
      effects.push_back(e);
    }
    std::vector<std::size_t> idx(factors.size());
    std::iota(idx.begin(), idx.end(), first);
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
      const double ma = std::isnan(effects[a].mu_star) ? -1 : effects[a].mu_star;
      const double mb = std::isnan(effects[b].mu_star) ? -1 : effects[b].mu_star;
      return ma > mb;
    });
    for (std::size_t r = 0; r < idx.size(); ++r) effects[idx[r]].rank = static_cast<int>(r) + 1;
  }
  return effects;
}

Config config_at(const Scenario& scenario, const std::vector<Factor>& factors, const std::vector<double>& point) {
  Config c = scenario.config;
  std::string where;
  for (std::size_t i = 0; i < factors.size(); ++i) {
    const std::string v = factor_value(factors[i], point[i]);
    where += (where.empty() ? "" : ", ") + factors[i].key + "=" + v;
    try {
      find_parameter(factors[i].key)->parse(c, v);
    } catch (const ValueError& e) {
      throw InputError("sensitivity point " + where + ": " + e.what());
    }
  }
  try {
    validate_config(c);
  } catch (const ValueError& e) {
    throw InputError("sensitivity point " + where + ": " + e.what());
  }
  return c;
}

std::vector<std::vector<double>> evaluate(const Scenario& scenario, const std::vector<Factor>& factors,
                                          const Design& design, const std::vector<Output>& outputs,
                                          const std::function<bool(std::size_t)>& mine,
                                          const std::function<void(std::size_t)>& on_point_done) {
  std::vector<std::vector<double>> y(design.points.size(), std::vector<double>(outputs.size(), 0.0));
  std::vector<Config> configs;
  for (const auto& p : design.points) configs.push_back(config_at(scenario, factors, p));  // bad points fail first
  tbb::parallel_for(std::size_t{0}, design.points.size(), [&](std::size_t p) {
    if (mine && !mine(p)) return;
    const Config& c = configs[p];
    const std::shared_ptr<const World> world = shared_world(c);  // points that share a world build it once
    const auto n = static_cast<double>(c.run.replicates);
    stream_ensemble(c, *world, make_weather(c), [&](int, const Results& r) {  // replicate order; none held
      const std::vector<double> v = output_values(outputs, r);
      for (std::size_t o = 0; o < v.size(); ++o) y[p][o] += v[o] / n;
    });
    if (on_point_done) on_point_done(p);
  });
  return y;
}

std::string effects_csv(const std::vector<Effect>& effects) {
  std::ostringstream s;
  s << "output,factor,rank,mu_star,mu,sigma\n";
  char buf[128];
  for (const auto& e : effects) {
    std::snprintf(buf, sizeof buf, ",%d,%.6g,%.6g,%.6g\n", e.rank, e.mu_star, e.mu, e.sigma);
    s << e.output << "," << e.factor << buf;
  }
  return s.str();
}

std::string effects_table(const std::vector<Effect>& effects, const std::vector<Output>& outputs) {
  std::ostringstream s;
  char buf[256];
  for (const auto& o : outputs) {
    s << "\n" << o.name << " (" << o.units << " per full range of the factor)\n";
    std::snprintf(buf, sizeof buf, "  %4s  %-44s %12s %12s %12s\n", "rank", "factor", "mu*", "mu", "sigma");
    s << buf;
    std::vector<const Effect*> rows;
    for (const auto& e : effects)
      if (e.output == o.name) rows.push_back(&e);
    std::sort(rows.begin(), rows.end(), [](const Effect* a, const Effect* b) { return a->rank < b->rank; });
    for (const Effect* e : rows) {
      std::snprintf(buf, sizeof buf, "  %4d  %-44s %12.4g %12.4g %12.4g\n", e->rank, e->factor.c_str(), e->mu_star,
                    e->mu, e->sigma);
      s << buf;
    }
  }
  return s.str();
}

}  // namespace swsim::sensitivity
