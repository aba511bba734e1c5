#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <vector>

#include "swsim/util/rng.hpp"

using swsim::Stream;
using swsim::StreamKind;

namespace {
std::vector<double> draws_in_parallel(int threads, std::size_t entities) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  std::vector<double> out(entities * 3);
  tbb::parallel_for(std::size_t(0), entities, [&](std::size_t e) {
    Stream s(42, static_cast<std::uint32_t>(e), 7, StreamKind::kElderDay);
    for (int k = 0; k < 3; ++k) out[e * 3 + static_cast<std::size_t>(k)] = s.uniform();
  });
  return out;
}
}  // namespace

TEST_CASE("random streams give the same numbers whatever the thread count", "[rng]") {
  const auto one = draws_in_parallel(1, 20000);
  const auto two = draws_in_parallel(2, 20000);
  const auto four = draws_in_parallel(4, 20000);
  REQUIRE(one == two);
  REQUIRE(one == four);
}

TEST_CASE("a stream is a pure function of seed, entity, day and kind", "[rng]") {
  Stream a(1, 5, 3, StreamKind::kElderDay), b(1, 5, 3, StreamKind::kElderDay);
  for (int i = 0; i < 10; ++i) REQUIRE(a.next_u32() == b.next_u32());
  auto first = [](std::uint64_t seed, std::uint32_t e, std::uint32_t d, StreamKind k) {
    return Stream(seed, e, d, k).next_u32();
  };
  const auto base = first(1, 5, 3, StreamKind::kElderDay);
  CHECK(first(2, 5, 3, StreamKind::kElderDay) != base);
  CHECK(first(1, 6, 3, StreamKind::kElderDay) != base);
  CHECK(first(1, 5, 4, StreamKind::kElderDay) != base);
  CHECK(first(1, 5, 3, StreamKind::kVolunteerDay) != base);
  CHECK(first(std::uint64_t(1) << 32 | 1, 5, 3, StreamKind::kElderDay) != base);  // high seed bits count
}

TEST_CASE("uniform draws lie in (0,1) with the right mean and variance", "[rng]") {
  double sum = 0, sum2 = 0;
  const int n = 200000;
  for (int e = 0; e < n; ++e) {
    Stream s(9, static_cast<std::uint32_t>(e), 0, StreamKind::kWeather);
    const double u = s.uniform();
    REQUIRE(u > 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    sum2 += u * u;
  }
  const double mean = sum / n, var = sum2 / n - mean * mean;
  CHECK(mean == Approx(0.5).margin(4 * std::sqrt(1.0 / 12 / n)));
  CHECK(var == Approx(1.0 / 12).margin(0.002));
}

// The polar method's pairs: each member standard normal (moments and a Kolmogorov-Smirnov distance to
// the normal CDF), the two uncorrelated, and their squares too (independent, not merely uncorrelated).
TEST_CASE("normal pairs (polar method) are two independent standard normals", "[rng]") {
  const int n = 200000;
  Stream s(11, 0, 0, StreamKind::kWorldSettlement);
  std::vector<double> a(n), b(n);
  double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0, sq = 0;
  for (int i = 0; i < n; ++i) {
    s.normal_pair(a[i], b[i]);
    sa += a[i];
    sb += b[i];
    saa += a[i] * a[i];
    sbb += b[i] * b[i];
    sab += a[i] * b[i];
    sq += (a[i] * a[i] - 1) * (b[i] * b[i] - 1);
  }
  CHECK(sa / n == Approx(0).margin(0.01));
  CHECK(sb / n == Approx(0).margin(0.01));
  CHECK(saa / n == Approx(1).margin(0.015));
  CHECK(sbb / n == Approx(1).margin(0.015));
  CHECK(sab / n == Approx(0).margin(0.01));
  CHECK(sq / n == Approx(0).margin(0.03));  // E[(a²-1)(b²-1)] = 0 when independent (sd of the mean ≈ 0.0045)
  for (std::vector<double>* v : {&a, &b}) {
    std::sort(v->begin(), v->end());
    double d = 0;
    for (int i = 0; i < n; ++i) {
      const double cdf = 0.5 * std::erfc(-(*v)[static_cast<std::size_t>(i)] / std::sqrt(2.0));
      d = std::max({d, std::abs(cdf - static_cast<double>(i) / n), std::abs(cdf - static_cast<double>(i + 1) / n)});
    }
    CHECK(d < 1.63 / std::sqrt(static_cast<double>(n)));  // the KS critical value at 1 %
  }
}

TEST_CASE("normal draws have mean 0 and variance 1", "[rng]") {
  double sum = 0, sum2 = 0;
  const int n = 200000;
  Stream s(3, 0, 0, StreamKind::kWeather);
  for (int i = 0; i < n; ++i) {
    const double z = s.normal();
    sum += z;
    sum2 += z * z;
  }
  CHECK(sum / n == Approx(0).margin(0.01));
  CHECK(sum2 / n == Approx(1).margin(0.015));
}
