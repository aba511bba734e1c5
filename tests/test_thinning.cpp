// Rare events by geometric skips (util/thinning.hpp) against one draw per entity: the same distribution,
// shown by chi-square tests on many independent streams (issue 19, "event-driven hazards"). The heat
// illness (candidates at the station's largest hazard, each kept by its own draw) and the outpatient
// appointments (candidates at the impaired elders' rate) are both drawn this way.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "swsim/health/episodes.hpp"
#include "swsim/util/rng.hpp"
#include "swsim/util/thinning.hpp"

using namespace swsim;

namespace {

// The upper quantile of chi-square with k degrees of freedom at the standard normal quantile z
// (Wilson-Hilferty; within a few per cent of the exact quantile for k >= 3).
double chi2_critical(int k, double z = 3.0902 /* alpha = 0.001 */) {
  const double a = 2.0 / (9.0 * k);
  return k * std::pow(1 - a + z * std::sqrt(a), 3);
}

struct ChiSquare {
  double stat = 0;
  int df = 0;
  bool rejects() const { return stat > chi2_critical(df); }
};

// Two histograms over the same bins with neighbouring bins pooled until `enough(a, b)` holds for the
// pooled pair (the last pool takes what is left).
template <class Enough>
std::vector<std::pair<double, double>> pooled(const std::vector<double>& a, const std::vector<double>& b, Enough enough) {
  std::vector<std::pair<double, double>> bins;
  double sa = 0, sb = 0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    sa += a[k];
    sb += b[k];
    if (enough(sa, sb) || k + 1 == a.size()) {
      bins.emplace_back(sa, sb);
      sa = sb = 0;
    }
  }
  return bins;
}

// Observed counts against expected counts, bins pooled until each expects at least 5.
ChiSquare goodness_of_fit(const std::vector<double>& observed, const std::vector<double>& expected) {
  ChiSquare c;
  const auto bins = pooled(observed, expected, [](double, double e) { return e >= 5; });
  for (const auto& [o, e] : bins) c.stat += (o - e) * (o - e) / e;
  c.df = static_cast<int>(bins.size()) - 1;
  return c;
}

// Two samples' histograms over the same bins: are they draws of one distribution? Bins pooled until the
// two together hold at least 20.
ChiSquare homogeneity(const std::vector<double>& a, const std::vector<double>& b) {
  double na = 0, nb = 0;
  for (std::size_t k = 0; k < a.size(); ++k) na += a[k], nb += b[k];
  ChiSquare c;
  const auto bins = pooled(a, b, [](double x, double y) { return x + y >= 20; });
  for (const auto& [sa, sb] : bins) {
    const double ea = (sa + sb) * na / (na + nb), eb = (sa + sb) * nb / (na + nb);
    c.stat += (sa - ea) * (sa - ea) / ea + (sb - eb) * (sb - eb) / eb;
  }
  c.df = static_cast<int>(bins.size()) - 1;
  return c;
}

constexpr int kPositions = 300;
constexpr std::uint64_t kBegin = 1000;  // a station's range does not start at 0

// Successes in [kBegin, kBegin + kPositions) of stream r, by geometric skips with probability p.
int skipped_count(std::uint32_t r, double p) {
  Stream seq(7, r, 3, StreamKind::kStationHeat);
  int n = 0;
  for_each_success(seq, kBegin, kBegin + kPositions, p, [&](std::uint64_t) { ++n; });
  return n;
}

// The same by one draw per position (each position its own entity, as elders have).
int per_position_count(std::uint32_t r, double p) {
  int n = 0;
  for (std::uint32_t i = 0; i < kPositions; ++i) n += Stream(8, r * kPositions + i, 3, StreamKind::kElderDay).uniform() < p;
  return n;
}

std::vector<double> histogram_of(int streams, double p, int (*count)(std::uint32_t, double)) {
  std::vector<double> h(kPositions + 1, 0.0);
  for (int r = 0; r < streams; ++r) h[static_cast<std::size_t>(count(static_cast<std::uint32_t>(r), p))] += 1;
  return h;
}

std::vector<double> binomial_expected(int streams, int n, double p) {
  std::vector<double> e(static_cast<std::size_t>(n) + 1);
  for (int k = 0; k <= n; ++k)
    e[static_cast<std::size_t>(k)] =
        streams * std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) + k * std::log(p) +
                           (n - k) * std::log1p(-p));
  return e;
}

}  // namespace

TEST_CASE("geometric skips give the per-position Bernoulli count distribution (chi-square)", "[rng][thinning]") {
  const int streams = 20000;
  const double p = 0.02;
  const auto skipped = histogram_of(streams, p, skipped_count);
  const auto direct = histogram_of(streams, p, per_position_count);
  const auto expected = binomial_expected(streams, kPositions, p);
  const ChiSquare both = homogeneity(skipped, direct);
  const ChiSquare fit = goodness_of_fit(skipped, expected);
  INFO("homogeneity " << both.stat << " on " << both.df << " df; fit " << fit.stat << " on " << fit.df << " df");
  CHECK(both.df >= 8);
  CHECK_FALSE(both.rejects());
  CHECK_FALSE(fit.rejects());
  CHECK_FALSE(goodness_of_fit(direct, expected).rejects());
  // The tests can fail: a sampler 10 % too eager is told apart from the per-position method.
  const auto eager = histogram_of(streams, p * 1.1, skipped_count);
  CHECK(homogeneity(eager, direct).rejects());
  CHECK(goodness_of_fit(eager, expected).rejects());
}

TEST_CASE("geometric skips reach every position alike and independently", "[rng][thinning]") {
  const int streams = 20000;
  const double p = 0.02;
  std::vector<double> per_position(kPositions, 0.0);
  double adjacent = 0;
  for (int r = 0; r < streams; ++r) {
    Stream seq(7, static_cast<std::uint32_t>(r), 3, StreamKind::kStationHeat);
    std::uint64_t last = 0;
    for_each_success(seq, kBegin, kBegin + kPositions, p, [&](std::uint64_t i) {
      REQUIRE(i >= kBegin);
      REQUIRE(i < kBegin + kPositions);
      per_position[i - kBegin] += 1;
      adjacent += last != 0 && i == last + 1;
      last = i;
    });
  }
  const ChiSquare even = goodness_of_fit(per_position, std::vector<double>(kPositions, streams * p));
  INFO("chi-square " << even.stat << " on " << even.df << " df");
  CHECK(even.df == kPositions - 1);
  CHECK_FALSE(even.rejects());
  // Two neighbours both succeed with probability p^2 (independence, no gap forced between successes).
  const double pairs = streams * (kPositions - 1) * p * p;
  CHECK(std::abs(adjacent - pairs) < 4 * std::sqrt(pairs));
}

TEST_CASE("thinned candidates fall ill with each elder's own hazard, as one draw per elder would",
          "[rng][thinning][health]") {
  // Elders with hazards h = weight x factor between 0.1 and 1 times the largest; candidates at the largest
  // hazard, each kept by its own draw (falls_ill), as StationDay::draw_heat_illness does.
  constexpr int kElders = 40;
  const double factor = 1.5;
  std::vector<float> weight(kElders);
  for (int i = 0; i < kElders; ++i) weight[static_cast<std::size_t>(i)] = 0.002f * static_cast<float>(1 + i % 10);
  const double p_max = 0.02 * factor;
  const int days = 40000;
  std::vector<double> ill(kElders, 0.0), expected(kElders);
  for (int d = 0; d < days; ++d) {
    Stream seq(11, 4, static_cast<std::uint32_t>(d), StreamKind::kStationHeat);
    for_each_success(seq, 0, kElders, p_max, [&](std::uint64_t i) {
      const double u = Stream(11, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(d), StreamKind::kElderDay)
                           .at(Draw::kHeatIllness);
      ill[i] += falls_ill(u, weight[i], factor, p_max);
    });
  }
  for (int i = 0; i < kElders; ++i)
    expected[static_cast<std::size_t>(i)] = days * weight[static_cast<std::size_t>(i)] * factor;
  const ChiSquare fit = goodness_of_fit(ill, expected);
  INFO("chi-square " << fit.stat << " on " << fit.df << " df");
  CHECK(fit.df == kElders - 1);
  CHECK_FALSE(fit.rejects());
}

TEST_CASE("geometric skips at the edges: none at p = 0, every position at p = 1, nothing outside the range",
          "[rng][thinning]") {
  Stream seq(1, 2, 3, StreamKind::kStationHeat);
  std::vector<std::uint64_t> hit;
  for_each_success(seq, 5, 9, 0.0, [&](std::uint64_t i) { hit.push_back(i); });
  CHECK(hit.empty());
  for_each_success(seq, 5, 9, 1.0, [&](std::uint64_t i) { hit.push_back(i); });
  CHECK(hit == std::vector<std::uint64_t>{5, 6, 7, 8});
  hit.clear();
  for_each_success(seq, 9, 9, 0.5, [&](std::uint64_t i) { hit.push_back(i); });
  CHECK(hit.empty());
}
