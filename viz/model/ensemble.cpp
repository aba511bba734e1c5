#include "model/ensemble.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "stats.hpp"

namespace swsim::viz {
namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();
}

double quantile(std::vector<double> v, double p) {
  v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return !std::isfinite(x); }), v.end());
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  const double pos = std::clamp(p, 0.0, 1.0) * static_cast<double>(v.size() - 1);
  const auto i = static_cast<std::size_t>(std::floor(pos));
  const double f = pos - static_cast<double>(i);
  if (i + 1 >= v.size()) return v.back();
  return v[i] + (v[i + 1] - v[i]) * f;
}

double reduce(const std::vector<double>& reps, StatChoice c) {
  if (reps.empty()) return kNaN;
  switch (c.stat) {
    case Stat::kMedian:
      return quantile(reps, 0.5);
    case Stat::kQ05:
      return quantile(reps, 0.05);
    case Stat::kQ95:
      return quantile(reps, 0.95);
    case Stat::kReplicate:
      return reps[static_cast<std::size_t>(std::clamp(c.replicate, 0, static_cast<int>(reps.size()) - 1))];
    default: {
      double sum = 0;
      int n = 0;
      for (double x : reps)
        if (std::isfinite(x)) sum += x, ++n;
      return n ? sum / n : kNaN;
    }
  }
}

std::vector<int> period_steps(const Session& s, Period p) {
  std::vector<int> out;
  for (int k = 0; k < s.al.steps(); ++k) {
    const auto d = static_cast<std::size_t>(s.al.day_a[static_cast<std::size_t>(k)]);
    bool in = true;
    if (p.kind == PeriodKind::kRange) in = k >= p.first && k <= p.last;
    if (p.kind == PeriodKind::kHeatWave) in = d < s.a.heat_wave.size() && s.a.heat_wave[d] != 0;
    if (p.kind == PeriodKind::kWarning) in = d < s.a.heat_warning.size() && s.a.heat_warning[d] > 0;
    if (in) out.push_back(k);
  }
  return out;
}

std::vector<double> scope_replicates(const Session& s, int metric_a, int side, Scope scope,
                                     std::span<const int> steps, Norm norm_kind) {
  const Dataset& d = s.side(side);
  const int m = side == 0 ? metric_a : s.al.metric_b[static_cast<std::size_t>(metric_a)];
  std::vector<double> out(static_cast<std::size_t>(d.replicates), kNaN);
  if (m < 0) return out;
  const Metric& metric = d.metrics[static_cast<std::size_t>(m)];
  const auto stations = scope_stations(s.al, s.a, scope, side);
  if (stations.empty()) return out;
  std::vector<int> days;
  const auto& day_list = side == 0 ? s.al.day_a : s.al.day_b;
  for (int k : steps) days.push_back(day_list[static_cast<std::size_t>(k)]);
  double elders = 0;
  const bool norm = norm_kind != Norm::kNone && metric.per_elders_ok();
  const auto& base = d.norm_base(norm_kind);
  if (norm)
    for (int st : stations) {
      const double e = static_cast<std::size_t>(st) < base.size() ? base[static_cast<std::size_t>(st)] : kNaN;
      if (std::isfinite(e)) elders += e;
    }
  for (int r = 0; r < d.replicates; ++r) {
    double v = sum_metric(d, metric, days, stations, r).value(metric);
    if (norm) v = elders > 0 ? v / elders * 1000.0 : kNaN;
    out[static_cast<std::size_t>(r)] = v;
  }
  return out;
}

int runs(const Session& s) {
  return 1 + (s.comparing() ? 1 : 0) + static_cast<int>(s.more.size());
}

std::vector<double> run_replicates(const Session& s, int run, int metric_a, Scope scope, std::span<const int> steps,
                                   Norm norm_kind) {
  if (run < 2) return scope_replicates(s, metric_a, run, scope, steps, norm_kind);
  const auto i = static_cast<std::size_t>(run - 2);
  const Dataset& d = s.more[i];
  const Alignment& al = s.more_al[i];
  const int m = al.metric_b[static_cast<std::size_t>(metric_a)];
  std::vector<double> out(static_cast<std::size_t>(d.replicates), kNaN);
  if (m < 0) return out;
  const Metric& metric = d.metrics[static_cast<std::size_t>(m)];
  const auto stations = scope_stations(al, s.a, scope, 1);
  if (stations.empty()) return out;
  std::vector<int> days;
  for (int k : steps) {
    const int day_a = s.al.day_a[static_cast<std::size_t>(k)];
    const auto it = std::lower_bound(al.day_a.begin(), al.day_a.end(), day_a);
    if (it != al.day_a.end() && *it == day_a) days.push_back(al.day_b[static_cast<std::size_t>(it - al.day_a.begin())]);
  }
  if (days.empty()) return out;
  double elders = 0;
  const bool norm = norm_kind != Norm::kNone && metric.per_elders_ok();
  const auto& base = d.norm_base(norm_kind);
  if (norm)
    for (int st : stations)
      if (static_cast<std::size_t>(st) < base.size() && std::isfinite(base[static_cast<std::size_t>(st)]))
        elders += base[static_cast<std::size_t>(st)];
  for (int r = 0; r < d.replicates; ++r) {
    double v = sum_metric(d, metric, days, stations, r).value(metric);
    if (norm) v = elders > 0 ? v / elders * 1000.0 : kNaN;
    out[static_cast<std::size_t>(r)] = v;
  }
  return out;
}

Band replicate_band(const std::vector<double>& reps, StatChoice c) {
  Band b;
  b.value = reduce(reps, c);
  b.lo = b.hi = b.value;
  if (reps.size() > 1) {
    b.lo = quantile(reps, 0.05);
    b.hi = quantile(reps, 0.95);
    b.has_band = std::isfinite(b.lo) && std::isfinite(b.hi);
  }
  return b;
}

DiffEstimate diff_estimate(const std::vector<double>& a, const std::vector<double>& b, StatChoice c,
                           bool paired) {
  DiffEstimate e;
  paired = paired && a.size() == b.size() && a.size() > 0;
  e.paired = paired;
  if (paired) {
    std::vector<double> d(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) d[i] = b[i] - a[i];
    e.value = reduce(d, c);
  } else {
    e.value = reduce(b, c) - reduce(a, c);
  }
  auto finite = [](const std::vector<double>& v) {
    std::vector<double> out;
    for (double x : v)
      if (std::isfinite(x)) out.push_back(x);
    return out;
  };
  const auto fa = finite(a), fb = finite(b);
  if (paired && fa.size() == a.size() && fb.size() == b.size() && a.size() >= 2) {
    const auto diff = results::paired_difference(a, b);
    if (diff.est.has_interval()) {
      e.lo = diff.est.mean - diff.est.half_width;
      e.hi = diff.est.mean + diff.est.half_width;
      e.has_interval = true;
    }
  } else if (!paired && fa.size() >= 2 && fb.size() >= 2) {
    const auto diff = results::unpaired_difference(fa, fb);
    if (diff.est.has_interval()) {
      e.lo = diff.est.mean - diff.est.half_width;
      e.hi = diff.est.mean + diff.est.half_width;
      e.has_interval = true;
    }
  }
  return e;
}

bool replicates_paired(const Session& s) {
  if (!s.comparing()) return false;
  return s.a.replicates == s.b->replicates && s.a.replicate_seeds == s.b->replicate_seeds;
}

Limits robust_limits(const std::vector<double>& values, double lo_p, double hi_p) {
  Limits l;
  l.lo = quantile(values, lo_p);
  l.hi = quantile(values, hi_p);
  if (!std::isfinite(l.lo) || !std::isfinite(l.hi)) return Limits{};
  if (l.hi <= l.lo) l.hi = l.lo + (l.lo != 0 ? std::fabs(l.lo) * 0.1 : 1.0);
  return l;
}

double robust_abs(const std::vector<double>& values, double p) {
  std::vector<double> a;
  a.reserve(values.size());
  for (double x : values)
    if (std::isfinite(x)) a.push_back(std::fabs(x));
  const double q = quantile(a, p);
  if (std::isfinite(q) && q > 0) return q;
  const double top = a.empty() ? 0.0 : *std::max_element(a.begin(), a.end());
  return top > 0 ? top : 1.0;
}

}  // namespace swsim::viz
