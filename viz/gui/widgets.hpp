#pragma once
// Small drawing helpers and labels shared by the windows.
#include <imgui.h>

#include <string>

#include "gui/app.hpp"

namespace swsim::viz {

// Colours used across windows (a light theme: dark ink on white).
namespace ink {
constexpr ImU32 kText = IM_COL32(30, 30, 30, 255);
constexpr ImU32 kMuted = IM_COL32(110, 110, 110, 255);
constexpr ImU32 kGrid = IM_COL32(225, 225, 225, 255);
constexpr ImU32 kAxis = IM_COL32(120, 120, 120, 255);
constexpr ImU32 kSeriesA = IM_COL32(31, 119, 180, 255);
constexpr ImU32 kSeriesB = IM_COL32(230, 115, 0, 255);
constexpr ImU32 kTmax = IM_COL32(200, 40, 40, 200);
constexpr ImU32 kHeatWave = IM_COL32(255, 140, 60, 48);
constexpr ImU32 kSauna = IM_COL32(0, 150, 160, 255);
constexpr ImU32 kHotNight = IM_COL32(60, 40, 120, 255);
constexpr ImU32 kNoStation = IM_COL32(232, 232, 228, 255);
constexpr ImU32 kNoData = IM_COL32(200, 200, 200, 255);
constexpr ImU32 kUnmatched = IM_COL32(185, 185, 185, 255);
constexpr ImU32 kBetter = IM_COL32(25, 95, 170, 255);   // text for a change for the better
constexpr ImU32 kWorse = IM_COL32(175, 80, 0, 255);     // text for a change for the worse
}  // namespace ink

// Opens one of the fixed tiles of the layout (no moving, resizing or saved settings); the caller ends it
// with ImGui::End(). `scroll`: whether the tile scrolls (the map and charts handle the mouse wheel).
void begin_tile(const char* name, ImVec2 pos, ImVec2 size, bool scroll);

ImU32 warning_colour(int level);      // heat warning 0..3
const char* warning_name(int level);  // "", "yellow", "orange", "red" (translated)

void text_halo(ImDrawList* dl, ImVec2 pos, ImU32 colour, const std::string& text,
               ImU32 halo = IM_COL32(255, 255, 255, 230));
ImVec2 text_size(const std::string& text);
// `text` cut to at most `width` pixels, with an ellipsis when cut (whole UTF-8 characters).
std::string fit_text(const std::string& text, float width);
// The same, cutting from the front (keeps the end, e.g. the overrides of a run label).
std::string fit_text_tail(const std::string& text, float width);

// Units and what the value is over: "count per station per day", "per 1,000 elders, total over the
// heat-wave days (8 days)".
std::string metric_units_text(const Metric& m, const ViewState& v, int period_days, bool per_station);
const std::string& metric_label(const Metric& m);  // in the interface language
std::string scope_name(const Session& s, Scope scope, bool cjk);
std::string step_title(const Session& s, int step);  // "Day 15 · 2022-06-16"
std::string period_title(const Session& s, const ViewState& v, int days);  // "Whole run (92 days)" ...
std::string file_label(const std::string& path);     // basename
// What a file is: its scenario and overrides with the sections left out ("baseline.ini +
// social_workers_per_station=1"), or the file name.
std::string run_label(const Dataset& d);
// The statistic over replicates, e.g. "mean of 4 replicates", "replicate 2 of 4 (seed 12)"; "" for a
// single run.
std::string stat_label(const Dataset& d, StatChoice c);
// Colour for a difference: blue when it is better, orange when worse, dark grey for neutral metrics.
ImU32 delta_colour(const Metric& m, double delta);

// A window title in the interface language with a fixed id: window_title("Map", "###Map").
std::string window_title(const char* en, const char* id);

// Right-aligned text at the end of the current line.
void text_right(const std::string& text, ImU32 colour = ink::kMuted);

}  // namespace swsim::viz
