// Helpers for the command-line tests of swsim-viz:
//   viz_test_tool check-png FILE WIDTH HEIGHT [--diverging] [--hue blue|orange:MIN[:MAX]]...
//                                                             structure of a screenshot; --hue: the share
//                                                             (%) of blue (better) or orange (worse) pixels
//                                                             in the map region lies in [MIN, MAX]
//   viz_test_tool truncate IN OUT BYTES                        first BYTES of a file
//   viz_test_tool foreign-hdf5 OUT                             an HDF5 file that is not a swsim result
#include <hdf5.h>
#include <stb/stb_image.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

namespace {

int fail(const std::string& msg) {
  std::fprintf(stderr, "viz_test_tool: %s\n", msg.c_str());
  return 1;
}

struct HueCheck {
  bool blue = true;
  double min_pct = 0, max_pct = 100;
};

int check_png(const std::string& path, int want_w, int want_h, bool diverging, const std::vector<HueCheck>& hues) {
  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(path.c_str(), &w, &h, &n, 3);
  if (!px)
    return fail(path + ": cannot read as PNG: " + (stbi_failure_reason() ? stbi_failure_reason() : "?"));
  std::vector<unsigned char> img(px, px + static_cast<std::size_t>(w) * h * 3);
  stbi_image_free(px);
  if ((want_w > 0 && w != want_w) || (want_h > 0 && h != want_h))  // 0: any
    return fail(path + ": size " + std::to_string(w) + "x" + std::to_string(h) + ", expected " +
                std::to_string(want_w) + "x" + std::to_string(want_h));
  auto at = [&](int x, int y) {
    const std::size_t i = (static_cast<std::size_t>(y) * w + x) * 3;
    return std::array<int, 3>{img[i], img[i + 1], img[i + 2]};
  };
  auto key = [](const std::array<int, 3>& c) { return (c[0] >> 3) << 10 | (c[1] >> 3) << 5 | (c[2] >> 3); };
  std::map<int, long> hist;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) ++hist[key(at(x, y))];
  long top = 0;
  for (const auto& [k, c] : hist) top = std::max(top, c);
  const double differ = 1.0 - static_cast<double>(top) / (static_cast<double>(w) * h);
  std::printf("%s: %dx%d, %zu colours, %.1f %% of pixels differ from the most common colour\n", path.c_str(),
              w, h, hist.size(), differ * 100);
  if (hist.size() < 2) return fail(path + ": the image is one flat colour");
  if (differ < 0.15) return fail(path + ": fewer than 15 % of the pixels differ from the background");
  // The map: left half of the window, below the toolbar.
  std::map<int, long> map_hist;
  long saturated = 0, total = 0;
  for (int y = h * 20 / 100; y < h * 80 / 100; ++y)
    for (int x = w * 5 / 100; x < w * 45 / 100; ++x) {
      const auto c = at(x, y);
      ++map_hist[key(c)];
      ++total;
      const int hi = std::max({c[0], c[1], c[2]}), lo = std::min({c[0], c[1], c[2]});
      if (hi - lo > 60) ++saturated;
    }
  std::printf("map region: %zu colours, %.1f %% saturated pixels\n", map_hist.size(),
              100.0 * saturated / total);
  if (map_hist.size() < 12) return fail(path + ": the map region has fewer than 12 distinct colours");
  if (diverging && saturated < total / 50) return fail(path + ": the difference map shows almost no colour");
  for (const auto& hc : hues) {
    long hits = 0, all = 0;
    for (int y = h * 20 / 100; y < h * 85 / 100; ++y)
      for (int x = 0; x < w / 2; ++x) {
        const auto c = at(x, y);
        const bool blue = c[2] - c[0] > 50 && c[2] > 120;
        const bool orange = c[0] - c[2] > 80 && c[0] > 150 && c[1] > 60;
        hits += hc.blue ? blue : orange;
        ++all;
      }
    const double share = 100.0 * hits / all;
    std::printf("%s pixels in the map region: %.2f %% (want %.2f to %.2f %%)\n", hc.blue ? "blue" : "orange", share,
                hc.min_pct, hc.max_pct);
    if (share < hc.min_pct || share > hc.max_pct) return fail(path + ": the share of coloured pixels is off");
  }
  return 0;
}

int truncate(const std::string& in, const std::string& out, long bytes) {
  std::ifstream f(in, std::ios::binary);
  if (!f) return fail(in + ": cannot open");
  std::vector<char> data((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  if (static_cast<long>(data.size()) <= bytes)
    return fail(in + ": smaller than " + std::to_string(bytes) + " bytes");
  std::ofstream o(out, std::ios::binary);
  o.write(data.data(), bytes);
  return o ? 0 : fail(out + ": cannot write");
}

int foreign_hdf5(const std::string& out) {
  const hid_t f = H5Fcreate(out.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  if (f < 0) return fail(out + ": cannot create");
  const hsize_t n = 4;
  const hid_t sp = H5Screate_simple(1, &n, nullptr);
  const hid_t ds = H5Dcreate2(f, "temperature", H5T_NATIVE_DOUBLE, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  const double v[4] = {1, 2, 3, 4};
  H5Dwrite(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v);
  H5Dclose(ds);
  H5Sclose(sp);
  H5Fclose(f);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> a(argv + 1, argv + argc);
  if (a.size() >= 4 && a[0] == "check-png") {
    bool diverging = false;
    std::vector<HueCheck> hues;
    for (std::size_t i = 4; i < a.size(); ++i) {
      if (a[i] == "--diverging") {
        diverging = true;
      } else if (a[i] == "--hue" && i + 1 < a.size()) {
        HueCheck hc;
        const std::string v = a[++i];
        const auto colon = v.find(':');
        hc.blue = v.substr(0, colon) == "blue";
        if (colon == std::string::npos || (!hc.blue && v.substr(0, colon) != "orange") ||
            std::sscanf(v.c_str() + colon + 1, "%lf:%lf", &hc.min_pct, &hc.max_pct) < 1)
          return fail("--hue: expected blue|orange:MIN[:MAX], got " + v);
        hues.push_back(hc);
      } else {
        return fail("check-png: unknown argument " + a[i]);
      }
    }
    return check_png(a[1], std::stoi(a[2]), std::stoi(a[3]), diverging, hues);
  }
  if (a.size() == 4 && a[0] == "truncate") return truncate(a[1], a[2], std::stol(a[3]));
  if (a.size() == 2 && a[0] == "foreign-hdf5") return foreign_hdf5(a[1]);
  return fail("usage: check-png FILE W H [--diverging] | truncate IN OUT BYTES | foreign-hdf5 OUT");
}
