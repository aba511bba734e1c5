// Interval arithmetic of swsim-analyze: Student-t quantiles, 95 % intervals of a mean, paired and
// Welch differences, and how estimates are printed. Reference values from R / SciPy.
#include <catch2/catch.hpp>

#include "indicators.hpp"
#include "stats.hpp"

using namespace swsim::results;
using Catch::Matchers::WithinRel;

TEST_CASE("Student t quantiles match published values", "[analysis][stats]") {
  CHECK_THAT(student_t_quantile(0.975, 1), WithinRel(12.706204736432095, 1e-9));
  CHECK_THAT(student_t_quantile(0.975, 2), WithinRel(4.302652729911275, 1e-9));
  CHECK_THAT(student_t_quantile(0.975, 4), WithinRel(2.7764451051977987, 1e-9));
  CHECK_THAT(student_t_quantile(0.975, 9), WithinRel(2.2621571627409915, 1e-9));
  CHECK_THAT(student_t_quantile(0.975, 29), WithinRel(2.045229642132703, 1e-9));
  CHECK_THAT(student_t_quantile(0.975, 1000), WithinRel(1.9623390808264074, 1e-9));
  CHECK_THAT(student_t_quantile(0.025, 4), WithinRel(-2.7764451051977987, 1e-9));
  CHECK(student_t_quantile(0.5, 3) == 0.0);
  CHECK_THAT(student_t_cdf(2.7764451051977987, 4), WithinRel(0.975, 1e-12));
}

TEST_CASE("the 95 % interval of a mean is mean +- t(0.975, n-1) sd / sqrt(n)", "[analysis][stats]") {
  const Estimate e = estimate_mean({1, 2, 3, 4, 5});
  CHECK(e.n == 5);
  CHECK_THAT(e.mean, WithinRel(3.0, 1e-15));
  CHECK_THAT(e.sd, WithinRel(1.5811388300841898, 1e-12));
  CHECK_THAT(e.half_width, WithinRel(1.9632431614775607, 1e-9));
  CHECK(e.has_interval());

  const Estimate one = estimate_mean({42});
  CHECK(one.mean == 42);
  CHECK_FALSE(one.has_interval());
  CHECK(one.half_width == 0);

  const Estimate flat = estimate_mean({7, 7, 7});
  CHECK(flat.has_interval());
  CHECK(flat.half_width == 0);
}

TEST_CASE("paired differences: identical samples give zero with a zero-width interval", "[analysis][stats]") {
  const std::vector<double> a{0.31, 0.27, 0.29, 0.33};
  const Difference d = paired_difference(a, a);
  CHECK(d.pairing == Pairing::kPaired);
  CHECK(d.est.mean == 0);
  CHECK(d.est.half_width == 0);

  // A constant shift is known exactly when paired, but not when the pairing is ignored.
  const std::vector<double> b{0.41, 0.37, 0.39, 0.43};
  const Difference p = paired_difference(a, b);
  const Difference u = unpaired_difference(a, b);
  CHECK_THAT(p.est.mean, WithinRel(0.1, 1e-12));
  CHECK(p.est.half_width < 1e-12);
  CHECK(u.pairing == Pairing::kUnpaired);
  CHECK(u.est.half_width > 0.02);
}

TEST_CASE("Welch's interval of an unpaired difference", "[analysis][stats]") {
  const Difference d = unpaired_difference({1, 2, 3, 4, 5}, {2, 4, 7, 5, 9, 10});
  CHECK_THAT(d.est.mean, WithinRel(3.166666666666667, 1e-12));
  CHECK_THAT(d.est.half_width, WithinRel(3.3312440642504857, 1e-8));  // df = 7.725
  const Difference single = unpaired_difference({1}, {2, 3});
  CHECK(single.pairing == Pairing::kNone);
  CHECK_FALSE(single.est.has_interval());
}

namespace {
Indicator indicator(std::string key, std::string unit, int decimals) {
  Indicator ind;
  ind.percent = unit == "%";
  ind.key = std::move(key);
  ind.unit = std::move(unit);
  ind.decimals = decimals;
  return ind;
}
}  // namespace

TEST_CASE("estimates print as planners read them", "[analysis][stats]") {
  const Indicator on_time = indicator("on_time_rate", "%", 1);
  const Indicator missed = indicator("meals_missed", "1", 0);
  Estimate e;
  e.mean = 0.4231;
  e.half_width = 0.0121;
  e.n = 3;
  CHECK(format_estimate(on_time, e) == "42.3% ±1.2");
  CHECK(format_estimate(on_time, e, true) == "+42.3 pp ±1.2");
  e.n = 1;
  CHECK(format_estimate(on_time, e) == "42.3%");
  Estimate z;
  z.mean = -1e-9;
  z.n = 2;
  CHECK(format_estimate(on_time, z, true) == "0.0 pp ±0.0");
  Estimate m;
  m.mean = -778;
  m.n = 1;
  CHECK(format_estimate(missed, m, true) == "-778");
}
