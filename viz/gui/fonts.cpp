#include "gui/fonts.hpp"

#include <cstdio>
#include <filesystem>

namespace swsim::viz {
namespace {

bool readable(const std::string& path) {
  if (path.empty()) return false;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  std::fclose(f);
  return true;
}

// Glyph ranges must outlive the atlas build, so they live here.
ImVector<ImWchar>& ranges_storage() {
  static ImVector<ImWchar> r;
  return r;
}

}  // namespace

std::string find_cjk_font(const std::string& preferred) {
  if (!preferred.empty()) return readable(preferred) ? preferred : std::string();
  static const char* candidates[] = {
      "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
      "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
      "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
      "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
      "/usr/share/fonts/truetype/arphic/uming.ttc",
      "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
  };
  for (const char* c : candidates)
    if (readable(c)) return c;
  return {};
}

std::string find_latin_font() {
  static const char* candidates[] = {
      "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
      "/usr/share/fonts/dejavu/DejaVuSans.ttf",
      "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
  };
  for (const char* c : candidates)
    if (readable(c)) return c;
  return {};
}

bool needs_cjk(const std::string& text) {
  for (unsigned char c : text)
    if (c >= 0xC4) return true;  // lead byte of a code point >= U+0100
  return false;
}

bool load_fonts(ImFontAtlas& atlas, float px, const std::string& cjk_font,
                const std::vector<std::string>& texts) {
  atlas.Clear();
  const std::string latin = find_latin_font();
  ImFontConfig cfg;
  cfg.OversampleH = 2;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  // Latin-1, general punctuation (dashes, middle dot), the minus sign and the degree sign.
  // Also arrows, the minus, less/greater-or-equal and the triangles of the legends.
  static const ImWchar latin_ranges[] = {0x0020, 0x00FF, 0x0394, 0x0394, 0x2010, 0x2027, 0x2190, 0x2193,
                                         0x2212, 0x2212, 0x2264, 0x2265, 0x25B2, 0x25C0, 0};
  ImFont* base = nullptr;
  if (!latin.empty()) base = atlas.AddFontFromFileTTF(latin.c_str(), px, &cfg, latin_ranges);
  const bool cjk = !cjk_font.empty() && readable(cjk_font);
  if (cjk) {
    ImFontGlyphRangesBuilder b;
    if (!base) b.AddRanges(latin_ranges);
    for (const auto& t : texts) b.AddText(t.c_str(), t.c_str() + t.size());
    auto& ranges = ranges_storage();
    ranges.clear();
    b.BuildRanges(&ranges);
    ImFontConfig c2 = cfg;
    c2.MergeMode = base != nullptr;
    c2.FontNo = 0;
    ImFont* f = atlas.AddFontFromFileTTF(cjk_font.c_str(), px, &c2, ranges.Data);
    if (!base) base = f;
  }
  if (!base) {
    ImFontConfig d;
    d.SizePixels = px;
    atlas.AddFontDefault(&d);
  }
  return cjk;
}

}  // namespace swsim::viz
