#include "model/metric_table.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace swsim::viz {
namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();

// Per replicate, per step and pair, and per replicate over the period: values of one side.
struct SideValues {
  int reps = 1;
  std::vector<double> day;     // [rep][step][pair]
  std::vector<double> period;  // [rep][pair]
};

SideValues side_values(const Session& s, const MetricTable& t, int side) {
  SideValues out;
  const Dataset& d = s.side(side);
  const int m = side == 0 ? t.metric : s.al.metric_b[static_cast<std::size_t>(t.metric)];
  const Metric& mt = d.metrics[static_cast<std::size_t>(m)];
  const auto& days = side == 0 ? s.al.day_a : s.al.day_b;
  const auto& stations = side == 0 ? s.al.station_a : s.al.station_b;
  const bool norm = t.per_elders && mt.per_elders_ok();
  out.reps = d.replicates;
  const std::size_t per_rep = static_cast<std::size_t>(t.steps) * static_cast<std::size_t>(t.pairs);
  out.day.assign(per_rep * static_cast<std::size_t>(out.reps), kNaN);
  out.period.assign(static_cast<std::size_t>(t.pairs) * static_cast<std::size_t>(out.reps), kNaN);
  std::vector<char> in_period(static_cast<std::size_t>(t.steps), 0);
  for (int k : t.period) in_period[static_cast<std::size_t>(k)] = 1;
  for (int r = 0; r < out.reps; ++r)
    for (int p = 0; p < t.pairs; ++p) {
      const int st = stations[static_cast<std::size_t>(p)];
      const auto& base = d.norm_base(t.norm);
      const double elders = static_cast<std::size_t>(st) < base.size() ? base[static_cast<std::size_t>(st)]
                                                                        : std::numeric_limits<double>::quiet_NaN();
      const double scale = norm ? (std::isfinite(elders) && elders > 0 ? 1000.0 / elders : kNaN) : 1.0;
      MetricSum total;
      total.days = static_cast<int>(t.period.size());
      for (int k = 0; k < t.steps; ++k) {
        const int day = days[static_cast<std::size_t>(k)];
        MetricSum one;
        for (int v : mt.num) one.num += d.at(v, r, day, st);
        for (int v : mt.den) one.den += d.at(v, r, day, st);
        if (in_period[static_cast<std::size_t>(k)]) total.num += one.num, total.den += one.den;
        out.day[static_cast<std::size_t>(r) * per_rep + static_cast<std::size_t>(k) * t.pairs + p] =
            one.value(mt) * scale;
      }
      out.period[static_cast<std::size_t>(r) * t.pairs + p] = total.value(mt) * scale;
    }
  return out;
}

}  // namespace

double MetricTable::value(int side, int step, int pair) const {
  const auto p = static_cast<std::size_t>(pair);
  if (side == 1 && !has_b) return kNaN;
  if (step < 0) return (side == 0 ? total_a : total_b)[p];
  return (side == 0 ? a : b)[static_cast<std::size_t>(step) * static_cast<std::size_t>(pairs) + p];
}

double MetricTable::diff(int step, int pair) const {
  if (!has_b) return kNaN;
  const auto p = static_cast<std::size_t>(pair);
  if (step < 0) return total_d[p];
  return d[static_cast<std::size_t>(step) * static_cast<std::size_t>(pairs) + p];
}

MetricTable make_metric_table(const Session& s, const TableSpec& spec) {
  MetricTable t;
  t.spec = spec;
  t.metric = spec.metric;
  t.steps = s.al.steps();
  t.pairs = s.al.pairs();
  t.has_b = s.comparing() && s.al.metric_b[static_cast<std::size_t>(spec.metric)] >= 0;
  t.paired = t.has_b && replicates_paired(s);
  t.per_elders = spec.norm != Norm::kNone && s.a.metrics[static_cast<std::size_t>(spec.metric)].per_elders_ok() &&
                 s.a.has_norm(spec.norm);
  t.norm = t.per_elders ? spec.norm : Norm::kNone;
  t.period = period_steps(s, spec.period);
  const std::size_t n = static_cast<std::size_t>(t.steps) * static_cast<std::size_t>(t.pairs);
  const auto np = static_cast<std::size_t>(t.pairs);

  SideValues va = side_values(s, t, 0);
  SideValues vb;
  if (t.has_b) vb = side_values(s, t, 1);
  auto reps_at = [](const SideValues& v, std::size_t stride, std::size_t i, std::vector<double>& out) {
    out.resize(static_cast<std::size_t>(v.reps));
    for (int r = 0; r < v.reps; ++r) out[static_cast<std::size_t>(r)] = v.day[static_cast<std::size_t>(r) * stride + i];
  };
  auto period_at = [np](const SideValues& v, std::size_t p, std::vector<double>& out) {
    out.resize(static_cast<std::size_t>(v.reps));
    for (int r = 0; r < v.reps; ++r) out[static_cast<std::size_t>(r)] = v.period[static_cast<std::size_t>(r) * np + p];
  };
  std::vector<double> ra, rb;
  t.a.assign(n, kNaN);
  t.total_a.assign(np, kNaN);
  if (t.has_b) {
    t.b.assign(n, kNaN);
    t.d.assign(n, kNaN);
    t.total_b.assign(np, kNaN);
    t.total_d.assign(np, kNaN);
    t.total_d_lo.assign(np, kNaN);
    t.total_d_hi.assign(np, kNaN);
  }
  for (std::size_t i = 0; i < n; ++i) {
    reps_at(va, n, i, ra);
    t.a[i] = reduce(ra, spec.stat);
    if (t.has_b) {
      reps_at(vb, n, i, rb);
      t.b[i] = reduce(rb, spec.stat);
      t.d[i] = diff_estimate(ra, rb, spec.stat, t.paired).value;
    }
  }
  for (std::size_t p = 0; p < np; ++p) {
    period_at(va, p, ra);
    t.total_a[p] = reduce(ra, spec.stat);
    if (t.has_b) {
      period_at(vb, p, rb);
      t.total_b[p] = reduce(rb, spec.stat);
      const DiffEstimate e = diff_estimate(ra, rb, spec.stat, t.paired);
      t.total_d[p] = e.value;
      if (e.has_interval) t.total_d_lo[p] = e.lo, t.total_d_hi[p] = e.hi;
    }
  }

  std::vector<double> day_values(t.a), total_values(t.total_a);
  day_values.insert(day_values.end(), t.b.begin(), t.b.end());
  total_values.insert(total_values.end(), t.total_b.begin(), t.total_b.end());
  const Limits dl = robust_limits(day_values), tl = robust_limits(total_values);
  t.day_lo = dl.lo, t.day_hi = dl.hi, t.total_lo = tl.lo, t.total_hi = tl.hi;
  const Limits dx = robust_limits(day_values, 0, 1), tx = robust_limits(total_values, 0, 1);
  t.day_min = dx.lo, t.day_max = dx.hi, t.total_min = tx.lo, t.total_max = tx.hi;
  // Counts start at zero: a lower limit near zero is shown as zero.
  if (t.day_lo > 0 && t.day_lo < 0.1 * t.day_hi) t.day_lo = 0;
  if (t.total_lo > 0 && t.total_lo < 0.1 * t.total_hi) t.total_lo = 0;
  if (t.has_b) {
    t.day_absdiff = robust_abs(t.d);
    t.total_absdiff = robust_abs(t.total_d);
  }
  return t;
}

}  // namespace swsim::viz
