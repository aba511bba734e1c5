#include "model/colormap.hpp"

#include <algorithm>
#include <cmath>

namespace swsim::viz {
namespace {

Rgb lerp_stops(const Rgb* stops, int n, double t) {
  t = std::clamp(t, 0.0, 1.0);
  const double x = t * (n - 1);
  const int i = std::min(static_cast<int>(x), n - 2);
  const float f = static_cast<float>(x - i);
  const Rgb& a = stops[i];
  const Rgb& b = stops[i + 1];
  return {a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f};
}

}  // namespace

Rgb sequential(double t) {
  // Hand-picked stops of a yellow-orange-red-purple ramp, light to dark, monotone in lightness.
  static const Rgb stops[] = {
      {1.000f, 0.976f, 0.800f}, {0.996f, 0.851f, 0.463f}, {0.996f, 0.698f, 0.298f}, {0.992f, 0.553f, 0.235f},
      {0.941f, 0.231f, 0.125f}, {0.741f, 0.000f, 0.149f}, {0.450f, 0.000f, 0.260f},
  };
  return lerp_stops(stops, 7, t);
}

Rgb diverging(double t) {
  static const Rgb stops[] = {
      {0.020f, 0.188f, 0.380f}, {0.129f, 0.400f, 0.675f}, {0.573f, 0.773f, 0.871f}, {0.969f, 0.969f, 0.969f},
      {0.957f, 0.647f, 0.510f}, {0.839f, 0.376f, 0.302f}, {0.404f, 0.000f, 0.122f},
  };
  return lerp_stops(stops, 7, (std::clamp(t, -1.0, 1.0) + 1.0) * 0.5);
}

std::uint32_t pack(Rgb c, float alpha) {
  auto q = [](float v) {
    return static_cast<std::uint32_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f));
  };
  return q(c.r) | (q(c.g) << 8) | (q(c.b) << 16) | (q(alpha) << 24);
}

}  // namespace swsim::viz
