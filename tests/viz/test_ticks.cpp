#include <catch2/catch.hpp>

#include <cmath>
#include <utility>

#include "model/colormap.hpp"
#include "model/ticks.hpp"

using namespace swsim::viz;

TEST_CASE("nice ticks cover the range with round steps", "[ticks]") {
  const Ticks t = nice_ticks(0, 97, 5);
  CHECK(t.step == Approx(25));
  CHECK(t.lo == Approx(0));
  CHECK(t.hi == Approx(100));
  REQUIRE(t.values.size() == 5);
  CHECK(t.values[2] == Approx(50));
}

TEST_CASE("nice ticks pick 1, 2, 2.5 or 5 times a power of ten", "[ticks]") {
  for (auto [lo, hi] : {std::pair{0.013, 0.087}, {-3.0, 17.0}, {1200.0, 9800.0}, {25.0, 40.0}, {0.0, 1.0}}) {
    const Ticks t = nice_ticks(lo, hi, 5);
    CHECK(t.lo <= lo);
    CHECK(t.hi >= hi);
    const double mant = t.step / std::pow(10.0, std::floor(std::log10(t.step)));
    const bool nice = std::abs(mant - 1) < 1e-9 || std::abs(mant - 2) < 1e-9 || std::abs(mant - 2.5) < 1e-9 ||
                      std::abs(mant - 5) < 1e-9;
    CHECK(nice);
    CHECK(t.values.size() >= 3);
    CHECK(t.values.size() <= 11);
  }
}

TEST_CASE("nice ticks widen a flat range and never print minus zero", "[ticks]") {
  const Ticks z = nice_ticks(0, 0, 5);
  CHECK(z.hi > z.lo);
  const Ticks c = nice_ticks(7, 7, 5);
  CHECK(c.lo <= 7);
  CHECK(c.hi > 7);
  const Ticks s = nice_ticks(-1, 1, 5);
  for (double v : s.values) CHECK(format_tick(v, s.step) != "-0");
  CHECK(format_tick(-0.0000001, 0.5) == "0.0");
}

TEST_CASE("tick labels carry just enough decimals", "[ticks]") {
  CHECK(format_tick(2.5, 0.5) == "2.5");
  CHECK(format_tick(0.25, 0.25) == "0.25");
  CHECK(format_tick(40, 10) == "40");
  CHECK(format_tick(12000, 2000) == "12 000");
  CHECK(format_tick(1500, 500) == "1500");
}

TEST_CASE("values and differences are formatted compactly", "[ticks]") {
  CHECK(format_value(207) == "207");
  CHECK(format_value(163171) == "163 171");
  CHECK(format_value(0.1234) == "0.123");
  CHECK(format_value(std::nan("")) == "-");
  CHECK(format_delta(3) == "+3");
  CHECK(format_delta(-0.5) == "-0.5");
  CHECK(format_delta(0) == "0");
}

TEST_CASE("day ticks keep labels apart", "[ticks]") {
  CHECK(day_tick_step(20, 800, 40) == 1);
  CHECK(day_tick_step(92, 600, 50) == 14);
  CHECK(day_tick_step(92, 6000, 50) == 1);
}

TEST_CASE("colour scales: sequential dark to light, diverging through near white", "[colour]") {
  const Rgb lo = sequential(0), hi = sequential(1);
  CHECK(lo.r + lo.g + lo.b < hi.r + hi.g + hi.b);
  const Rgb mid = better_worse(0);
  CHECK(mid.r > 0.9f);
  CHECK(mid.g > 0.9f);
  CHECK(pack({1, 0, 0}) == 0xFF0000FFu);
}
