#pragma once
// Colour scales for the map, colour-blind safe: sequential viridis or cividis (dark = low, light =
// high) for values, and a diverging scale for differences in which blue always means "better" and
// orange "worse" (from the metric's direction); metrics without a direction use purple (lower) and
// green (higher). Packed as 0xAABBGGRR like ImGui's IM_COL32.
#include <cstdint>

namespace swsim::viz {

struct Rgb {
  float r, g, b;
};

enum class Palette { kViridis, kCividis };

Rgb sequential(double t, Palette p = Palette::kViridis);  // t in [0, 1], clamped
// t in [-1, 1], clamped: -1 = most worse, 0 = near white, +1 = most better.
Rgb better_worse(double t);
// t in [-1, 1]: purple (lower) -> near white -> green (higher), for metrics without a direction.
Rgb diverging_neutral(double t);
std::uint32_t pack(Rgb c, float alpha = 1.0f);
// Relative luminance (0 black .. 1 white), e.g. to choose dark or light text over a colour.
double luminance(Rgb c);

}  // namespace swsim::viz
