#include "model/colormap.hpp"

#include <algorithm>
#include <cmath>

namespace swsim::viz {
namespace {

Rgb lerp_stops(const Rgb* stops, int n, double t) {
  t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0);
  const double x = t * (n - 1);
  const int i = std::min(static_cast<int>(x), n - 2);
  const float f = static_cast<float>(x - i);
  const Rgb& a = stops[i];
  const Rgb& b = stops[i + 1];
  return {a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f};
}

constexpr Rgb hex(unsigned v) {
  return {static_cast<float>((v >> 16) & 255) / 255.0f, static_cast<float>((v >> 8) & 255) / 255.0f,
          static_cast<float>(v & 255) / 255.0f};
}

}  // namespace

Rgb sequential(double t, Palette p) {
  // Nine samples of each published scale (matplotlib's viridis and cividis, both designed to read
  // the same with red-green colour vision deficiency), interpolated linearly.
  static const Rgb viridis[] = {hex(0x440154), hex(0x472c7a), hex(0x3b518b), hex(0x2c718e), hex(0x21908d),
                                hex(0x27ad81), hex(0x5cc863), hex(0xaadc32), hex(0xfde725)};
  static const Rgb cividis[] = {hex(0x00224e), hex(0x1f3a6e), hex(0x49526b), hex(0x676a70), hex(0x838279),
                                hex(0xa09b77), hex(0xc1b56b), hex(0xe2cf56), hex(0xfee838)};
  return lerp_stops(p == Palette::kCividis ? cividis : viridis, 9, t);
}

Rgb better_worse(double t) {
  // Orange (worse) - white - blue (better): ColorBrewer-style PuOr/RdBu hues that stay apart for
  // deuteranopes and protanopes.
  static const Rgb stops[] = {hex(0x7f3b08), hex(0xc2640c), hex(0xf1a340), hex(0xfbe3c0), hex(0xf4f4f4),
                              hex(0xc6dbef), hex(0x6baed6), hex(0x2171b5), hex(0x08306b)};
  return lerp_stops(stops, 9, (std::clamp(std::isfinite(t) ? t : 0.0, -1.0, 1.0) + 1.0) * 0.5);
}

Rgb diverging_neutral(double t) {
  static const Rgb stops[] = {hex(0x40004b), hex(0x762a83), hex(0x9970ab), hex(0xd9c2e0), hex(0xf4f4f4),
                              hex(0xc7e9c0), hex(0x5aae61), hex(0x1b7837), hex(0x00441b)};
  return lerp_stops(stops, 9, (std::clamp(std::isfinite(t) ? t : 0.0, -1.0, 1.0) + 1.0) * 0.5);
}

std::uint32_t pack(Rgb c, float alpha) {
  auto q = [](float v) {
    return static_cast<std::uint32_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f));
  };
  return q(c.r) | (q(c.g) << 8) | (q(c.b) << 16) | (q(alpha) << 24);
}

double luminance(Rgb c) {
  return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
}

}  // namespace swsim::viz
