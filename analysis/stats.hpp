#pragma once
// Small statistics for ensembles of replicate runs: Student-t quantiles and 95 % intervals of a mean,
// for one sample (replicates of one scenario) and for paired or unpaired differences of two samples.
#include <string>
#include <vector>

namespace swsim::results {

// Regularised incomplete beta function I_x(a, b), 0 <= x <= 1, a, b > 0.
double incomplete_beta(double a, double b, double x);
// Student-t distribution with df > 0 degrees of freedom: CDF and quantile (0 < p < 1).
double student_t_cdf(double t, double df);
double student_t_quantile(double p, double df);

// Mean of a sample with a 95 % interval mean ± t(0.975, n−1)·sd/√n. With n < 2 there is no interval
// (half_width is 0 and has_interval() is false).
struct Estimate {
  double mean = 0, sd = 0, half_width = 0;
  int n = 0;
  bool has_interval() const { return n >= 2; }
};
Estimate estimate_mean(const std::vector<double>& sample);

// Difference b − a. Paired (a[r] with b[r], same length): the interval of the mean of b[r] − a[r].
// Unpaired: Welch's interval with Welch–Satterthwaite degrees of freedom (n_a, n_b >= 2), otherwise
// the difference of means without an interval.
enum class Pairing { kNone, kPaired, kUnpaired };
struct Difference {
  Estimate est;  // est.mean = mean(b) − mean(a); est.half_width the 95 % half-width (0 when none)
  Pairing pairing = Pairing::kNone;
  double a_mean = 0, b_mean = 0;
};
Difference paired_difference(const std::vector<double>& a, const std::vector<double>& b);
Difference unpaired_difference(const std::vector<double>& a, const std::vector<double>& b);

const char* pairing_name(Pairing p);  // "paired", "unpaired", "single runs"

}  // namespace swsim::results
