#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <span>
#include <vector>

#include "swsim/util/philox_batch.hpp"
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

TEST_CASE("philox_blocks gives Random123's blocks on every path this processor runs", "[rng]") {
  using swsim::PhiloxBlock;
  // Counters spread over every bit (drawn from a stream), and lengths around the lane widths.
  Stream src(7, 1, 2, StreamKind::kWorldElder);
  std::vector<PhiloxBlock> ctr(100);
  for (auto& c : ctr)
    for (auto& w : c) w = src.next_u32();
  const r123::Philox4x32 gen;
  int paths_run = 0;
  for (const std::uint64_t seed : {std::uint64_t{1}, std::uint64_t{0xFEDCBA9876543210ull}}) {
    const r123::Philox4x32::key_type key{{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
    for (int path = 0; path <= 2; ++path) {
      if (!swsim::philox_detail::available(path)) continue;
      ++paths_run;
      for (const std::size_t n : {0, 1, 7, 8, 9, 15, 16, 17, 33, 48, 100}) {
        std::vector<PhiloxBlock> out(n);
        swsim::philox_detail::blocks_with(path, seed, std::span(ctr.data(), n), out);
        for (std::size_t i = 0; i < n; ++i) {
          const auto want = gen(r123::Philox4x32::ctr_type{{ctr[i][0], ctr[i][1], ctr[i][2], ctr[i][3]}}, key);
          INFO("path " << path << ", n " << n << ", block " << i);
          REQUIRE(out[i] == PhiloxBlock{want.v[0], want.v[1], want.v[2], want.v[3]});
        }
      }
      std::vector<PhiloxBlock> in_place(ctr.begin(), ctr.begin() + 40), apart(40);
      swsim::philox_detail::blocks_with(path, seed, std::span(ctr.data(), 40), apart);
      swsim::philox_detail::blocks_with(path, seed, in_place, in_place);
      CHECK(in_place == apart);
    }
  }
  CHECK(paths_run >= 2);  // the one-block path and at least that of seed 1 (more where the processor has them)
}

TEST_CASE("a stream with known first blocks reads the same words as one that computes them", "[rng]") {
  using swsim::PhiloxBlock;
  const std::uint64_t seed = 0x123456789ull;
  std::vector<PhiloxBlock> known;
  for (std::uint32_t b = 0; b < 3; ++b) known.push_back(swsim::stream_counter(77, 0, StreamKind::kWorldElder, b));
  swsim::philox_blocks(seed, known, known);
  Stream plain(seed, 77, 0, StreamKind::kWorldElder);
  Stream fast(seed, 77, 0, StreamKind::kWorldElder, known.data(), 3);
  for (int w = 0; w < 24; ++w) CHECK(fast.next_u32() == plain.next_u32());  // the known blocks and beyond
  // Blocks that are not this stream's show through: the known blocks are read, not recomputed.
  std::vector<PhiloxBlock> wrong(3, PhiloxBlock{1, 2, 3, 4});
  Stream misled(seed, 77, 0, StreamKind::kWorldElder, wrong.data(), 3);
  CHECK(misled.next_u32() == 1u);
}
