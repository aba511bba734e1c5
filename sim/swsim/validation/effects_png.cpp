// The sensitivity bar chart as a PNG, drawn without a graphics stack: stb_easy_font turns text into
// axis-aligned quads, which are filled into an RGB raster; stb_image_write encodes it. Factor keys are
// ASCII, so the built-in font is enough.
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_easy_font.h>
#include <stb/stb_image_write.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "swsim/validation/sensitivity.hpp"

namespace swsim::sensitivity {
namespace {

struct Raster {
  int w, h;
  std::vector<unsigned char> rgb;
  Raster(int width, int height) : w(width), h(height), rgb(static_cast<std::size_t>(width) * height * 3, 255) {}
  void fill(double x0, double y0, double x1, double y1, const unsigned char c[3]) {
    const int a = std::max(0, static_cast<int>(std::floor(x0))), b = std::min(w, static_cast<int>(std::ceil(x1)));
    const int t = std::max(0, static_cast<int>(std::floor(y0))), u = std::min(h, static_cast<int>(std::ceil(y1)));
    for (int y = t; y < u; ++y)
      for (int x = a; x < b; ++x)
        for (int k = 0; k < 3; ++k) rgb[(static_cast<std::size_t>(y) * w + x) * 3 + k] = c[k];
  }
  // Text at (x, y) (top left), `scale` pixels per font unit.
  void text(double x, double y, const std::string& s, double scale, const unsigned char c[3]) {
    std::vector<char> buf(s.begin(), s.end());
    buf.push_back('\0');
    std::vector<float> quads(s.size() * 300);
    const int n = stb_easy_font_print(0, 0, buf.data(), nullptr, quads.data(), static_cast<int>(quads.size() * sizeof(float)));
    for (int q = 0; q < n; ++q) {
      const float* v = &quads[static_cast<std::size_t>(q) * 16];  // 4 vertices of (x, y, z, rgba)
      fill(x + v[0] * scale, y + v[1] * scale, x + v[8] * scale, y + v[9] * scale, c);
    }
  }
};

constexpr int kWidth = 1240, kLabelW = 470, kBarW = 440, kRowH = 26, kMaxRows = 15, kTitleH = 44;
constexpr unsigned char kInk[3] = {30, 30, 30}, kBar[3] = {52, 101, 164}, kSigma[3] = {200, 120, 40},
                        kGrid[3] = {220, 220, 220};

std::string number(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.3g", v);
  return b;
}

}  // namespace

bool write_effects_png(const std::string& path, const std::vector<Effect>& effects, const std::vector<Output>& outputs) {
  std::vector<std::vector<const Effect*>> panels;
  int height = 40;
  for (const auto& o : outputs) {
    std::vector<const Effect*> rows;
    for (const auto& e : effects)
      if (e.output == o.name && !std::isnan(e.mu_star)) rows.push_back(&e);
    std::sort(rows.begin(), rows.end(), [](const Effect* a, const Effect* b) { return a->rank < b->rank; });
    if (rows.size() > kMaxRows) rows.resize(kMaxRows);
    height += kTitleH + kRowH * static_cast<int>(rows.size()) + 16;
    panels.push_back(rows);
  }
  Raster r(kWidth, height);
  r.text(16, 10, "Morris elementary effects: mu* (blue bar) and sigma (orange line), per full range of each factor", 2, kInk);
  int y = 40;
  for (std::size_t p = 0; p < outputs.size(); ++p) {
    r.text(16, y + 14, outputs[p].name + " (" + outputs[p].units + ")", 2.5, kInk);
    y += kTitleH;
    double top = 0;
    for (const Effect* e : panels[p]) top = std::max({top, e->mu_star, e->sigma});
    if (top <= 0) top = 1;
    for (const Effect* e : panels[p]) {
      r.fill(kLabelW, y + kRowH - 1, kLabelW + kBarW, y + kRowH, kGrid);
      r.text(16, y + 6, e->factor, 2, kInk);
      r.fill(kLabelW, y + 4, kLabelW + kBarW * e->mu_star / top, y + kRowH - 8, kBar);
      r.fill(kLabelW, y + kRowH - 6, kLabelW + kBarW * e->sigma / top, y + kRowH - 3, kSigma);
      r.text(kLabelW + kBarW + 12, y + 6, number(e->mu_star) + " / " + number(e->sigma), 2, kInk);
      y += kRowH;
    }
    y += 16;
  }
  // Written under a temporary name and renamed, so a failed write never leaves a picture that looks complete.
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  if (stbi_write_png(tmp.c_str(), r.w, r.h, 3, r.rgb.data(), r.w * 3) == 0) {
    std::remove(tmp.c_str());
    return false;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) std::remove(tmp.c_str());
  return !ec;
}

}  // namespace swsim::sensitivity
