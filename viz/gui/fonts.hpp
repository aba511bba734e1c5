#pragma once
// The UI font: a Latin font (DejaVu Sans when installed) with the Chinese glyphs merged in from a CJK
// font found at run time (WenQuanYi Micro Hei, Noto Sans CJK ...). Only the glyphs of the given texts
// (the station and area names of the loaded files) are rasterised, which keeps the atlas small.
#include <imgui.h>

#include <string>
#include <vector>

namespace swsim::viz {

// The first readable CJK font among `preferred` (if not empty) and the usual install paths; "" if none.
std::string find_cjk_font(const std::string& preferred = "");
std::string find_latin_font();

// Clears the atlas and adds the UI font at `px` pixels. With a CJK font, the CJK characters used in
// `texts` are merged in; returns whether they were (false: show Latin names).
bool load_fonts(ImFontAtlas& atlas, float px, const std::string& cjk_font,
                const std::vector<std::string>& texts);

// True when `text` has a character outside Latin-1 (i.e. needs the CJK glyphs).
bool needs_cjk(const std::string& text);

}  // namespace swsim::viz
