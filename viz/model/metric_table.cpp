#include "model/metric_table.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace swsim::viz {
namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();

void widen(double v, double& lo, double& hi) {
  if (!std::isfinite(v)) return;
  lo = std::min(lo, v);
  hi = std::max(hi, v);
}
}  // namespace

double MetricTable::value(int side, int step, int pair) const {
  const auto p = static_cast<std::size_t>(pair);
  if (side == 1 && !has_b) return kNaN;
  if (step < 0) return (side == 0 ? total_a : total_b)[p];
  return (side == 0 ? a : b)[static_cast<std::size_t>(step) * static_cast<std::size_t>(pairs) + p];
}

double MetricTable::diff(int step, int pair) const {
  return value(1, step, pair) - value(0, step, pair);
}

MetricTable make_metric_table(const Session& s, int metric, int rep) {
  MetricTable t;
  t.metric = metric;
  t.steps = s.al.steps();
  t.pairs = s.al.pairs();
  t.has_b = s.comparing() && s.al.metric_b[static_cast<std::size_t>(metric)] >= 0;
  const std::size_t n = static_cast<std::size_t>(t.steps) * static_cast<std::size_t>(t.pairs);
  t.a.assign(n, kNaN);
  t.total_a.assign(static_cast<std::size_t>(t.pairs), kNaN);
  if (t.has_b) {
    t.b.assign(n, kNaN);
    t.total_b.assign(static_cast<std::size_t>(t.pairs), kNaN);
  }
  double dlo = 0, dhi = 0, tlo = 0, thi = 0, dd = 0, td = 0;
  for (int side = 0; side < (t.has_b ? 2 : 1); ++side) {
    const Dataset& d = s.side(side);
    const int m = side == 0 ? metric : s.al.metric_b[static_cast<std::size_t>(metric)];
    const Metric& mt = d.metrics[static_cast<std::size_t>(m)];
    const auto& days = side == 0 ? s.al.day_a : s.al.day_b;
    const auto& stations = side == 0 ? s.al.station_a : s.al.station_b;
    auto& out = side == 0 ? t.a : t.b;
    auto& tot = side == 0 ? t.total_a : t.total_b;
    const int r = std::min(rep, d.replicates - 1);
    for (int p = 0; p < t.pairs; ++p) {
      const int st = stations[static_cast<std::size_t>(p)];
      MetricSum total;
      for (int k = 0; k < t.steps; ++k) {
        const int day = days[static_cast<std::size_t>(k)];
        MetricSum one;
        for (int v : mt.num) one.num += d.at(v, r, day, st);
        for (int v : mt.den) one.den += d.at(v, r, day, st);
        total.num += one.num;
        total.den += one.den;
        const double val = one.value(mt);
        out[static_cast<std::size_t>(k) * static_cast<std::size_t>(t.pairs) + static_cast<std::size_t>(p)] =
            val;
        widen(val, dlo, dhi);
      }
      tot[static_cast<std::size_t>(p)] = total.value(mt);
      widen(tot[static_cast<std::size_t>(p)], tlo, thi);
    }
  }
  if (t.has_b) {
    for (std::size_t i = 0; i < n; ++i)
      if (std::isfinite(t.b[i] - t.a[i])) dd = std::max(dd, std::fabs(t.b[i] - t.a[i]));
    for (int p = 0; p < t.pairs; ++p) {
      const double v = t.diff(-1, p);
      if (std::isfinite(v)) td = std::max(td, std::fabs(v));
    }
  }
  t.day_lo = dlo;
  t.day_hi = dhi > dlo ? dhi : dlo + 1;
  t.total_lo = tlo;
  t.total_hi = thi > tlo ? thi : tlo + 1;
  t.day_absdiff = dd > 0 ? dd : 1;
  t.total_absdiff = td > 0 ? td : 1;
  return t;
}

}  // namespace swsim::viz
