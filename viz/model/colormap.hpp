#pragma once
// Colour scales for the map: a perceptually ordered sequential scale for values and a diverging
// blue-white-red scale for differences (B - A), both as packed 0xAABBGGRR like ImGui's IM_COL32.
#include <cstdint>

namespace swsim::viz {

struct Rgb {
  float r, g, b;
};

Rgb sequential(double t);  // t in [0, 1], clamped: pale yellow -> orange -> dark purple-red
Rgb diverging(double t);   // t in [-1, 1], clamped: blue (negative) -> near white (0) -> red (positive)
std::uint32_t pack(Rgb c, float alpha = 1.0f);

}  // namespace swsim::viz
