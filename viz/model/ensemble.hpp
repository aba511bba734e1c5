#pragma once
// Ensembles shown honestly: which statistic over replicates is shown (mean, median, 5 % / 95 %
// quantile, or one replicate), the 5-95 % band of the replicates, and B - A with a 95 % interval from
// the replicates paired by seed (common random numbers) or, when the seeds differ, Welch's interval.
// Also the periods a total is taken over (the whole run, a date range, heat-wave days) and the
// per-1,000-elders normalisation.
#include <span>
#include <string>
#include <vector>

#include "model/compare.hpp"
#include "model/session.hpp"

namespace swsim::viz {

enum class Stat { kMean, kMedian, kQ05, kQ95, kReplicate };
struct StatChoice {
  Stat stat = Stat::kMean;
  int replicate = 0;  // with kReplicate
  friend bool operator==(const StatChoice&, const StatChoice&) = default;
};

// Quantile p of the finite values with linear interpolation between order statistics (numpy's default,
// as the files' NAME_quantile); NaN when none is finite.
double quantile(std::vector<double> values, double p);
// The chosen statistic of replicate values (NaN values ignored; kReplicate picks one, clamped).
double reduce(const std::vector<double>& reps, StatChoice c);

// What a value is taken over: which timeline steps.
enum class PeriodKind { kAll, kRange, kHeatWave, kWarning };
struct Period {
  PeriodKind kind = PeriodKind::kAll;
  int first = 0, last = -1;  // steps, with kRange
  friend bool operator==(const Period&, const Period&) = default;
};
std::vector<int> period_steps(const Session& s, Period p);

// A metric of A over a scope and a set of steps on one side, one value per replicate of that side's
// file. norm: counts and sums divided by the scope's elders (station_elders) or registered elders
// (station_caseload), times 1,000.
std::vector<double> scope_replicates(const Session& s, int metric_a, int side, Scope scope,
                                     std::span<const int> steps, Norm norm);

// The same for any run: 0 = A, 1 = B, 2 and more = Session::more[run - 2] (the steps are those of the
// session's timeline; days a run lacks are left out).
std::vector<double> run_replicates(const Session& s, int run, int metric_a, Scope scope, std::span<const int> steps,
                                   Norm norm);
int runs(const Session& s);  // 1 + B + more

struct Band {
  double value = 0, lo = 0, hi = 0;  // NaN when undefined
  bool has_band = false;
};
// The statistic with the 5-95 % band of the replicates (no band with one replicate).
Band replicate_band(const std::vector<double>& reps, StatChoice c);

struct DiffEstimate {
  double value = 0;        // B - A of the chosen statistic (paired: that statistic of the differences)
  double lo = 0, hi = 0;   // 95 % interval of the mean difference (when has_interval)
  bool has_interval = false;
  bool paired = false;
};
DiffEstimate diff_estimate(const std::vector<double>& a, const std::vector<double>& b, StatChoice c,
                           bool paired);
// Replicates of A and B pair up when both files have the same replicate seeds.
bool replicates_paired(const Session& s);

// Robust colour limits: the `lo_p` and `hi_p` quantiles of the finite values.
struct Limits {
  double lo = 0, hi = 1;
};
Limits robust_limits(const std::vector<double>& values, double lo_p = 0.02, double hi_p = 0.98);
// For differences: a symmetric range, the `p` quantile of |values|.
double robust_abs(const std::vector<double>& values, double p = 0.98);

}  // namespace swsim::viz
