// The help overlay: keys and mouse, and what the colours and marks mean.
#include "gui/widgets.hpp"
#include "gui/windows.hpp"
#include "model/colormap.hpp"

namespace swsim::viz {

void help_window(App& app) {
  ViewState& v = app.view();
  const ImVec2 d = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(d.x * 0.5f, d.y * 0.5f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(d.x * 0.8f, 760.0f), std::min(d.y * 0.85f, 640.0f)), ImGuiCond_Appearing);
  ImGui::SetNextWindowBgAlpha(0.97f);
  if (!ImGui::Begin(window_title("Keys and legend", "###Help").c_str(), &v.panels.help)) {
    ImGui::End();
    return;
  }
  struct Row {
    const char* key;
    const char* what;
  };
  const Row rows[] = {
      {"Space", tr("play / pause")},
      {"\xE2\x86\x90 / \xE2\x86\x92", tr("previous / next day")},
      {"Home / End", tr("first / last day")},
      {"W", tr("one day / the period (whole run, heat-wave days, warning days, date range)")},
      {"Shift + drag", tr("on the timeline: choose a date range")},
      {"F", tr("fit the map")},
      {"L", tr("lock / unlock the colour limits")},
      {"E", tr("counts per 1,000 elders on / off")},
      {"R", tr("ranking table")},
      {"D", tr("distribution")},
      {"M", tr("meal points on the map on / off")},
      {"S", tr("sweep browser")},
      {"I", tr("what if: run the scenario again with one parameter changed")},
      {"Ctrl+O", tr("open a file")},
      {"F5, Ctrl+R", tr("reload the files")},
      {"H, F1, ?", tr("this help")},
      {"Esc", tr("clear the selection / close the help")},
      {tr("drag on the map"), tr("pan; the wheel zooms about the pointer")},
      {tr("click on the map"), tr("select a station (or an area)")},
      {tr("drop files on the window"), tr("open them (two files: A and B)")},
  };
  if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    for (const auto& r : rows) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.key);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.what);
    }
    ImGui::EndTable();
  }
  ImGui::Separator();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float lh = ImGui::GetTextLineHeight();
  auto bar = [&](auto colour_of, const char* left, const char* right) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = 220;
    for (int i = 0; i < 64; ++i)
      dl->AddRectFilled(ImVec2(p.x + w * i / 64, p.y + 2), ImVec2(p.x + w * (i + 1) / 64 + 0.5f, p.y + lh - 2),
                        colour_of((i + 0.5) / 64));
    ImGui::Dummy(ImVec2(w, lh));
    ImGui::SameLine();
    ImGui::Text("%s \xE2\x86\x92 %s", left, right);
  };
  ImGui::TextUnformatted(tr("Colours (safe for red-green colour blindness):"));
  bar([&](double t) { return pack(sequential(t, app.prefs().palette)); }, tr("low"), tr("high"));
  bar([](double t) { return pack(better_worse(t * 2 - 1)); }, tr("worse"), tr("better (B - A, for metrics with a direction)"));
  bar([](double t) { return pack(diverging_neutral(t * 2 - 1)); }, tr("lower"), tr("higher (B - A, no direction)"));
  ImGui::TextWrapped("%s", tr("Colour limits are the 2nd and 98th percentiles of the values over all days; a triangle "
                              "at the end of the bar means values beyond it. Lock them (L) to keep one scale."));
  ImGui::Separator();
  ImGui::TextUnformatted(tr("Day marks (timeline and charts):"));
  auto mark = [&](ImU32 col, const std::string& what) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    dl->AddRectFilled(ImVec2(p.x, p.y + 3), ImVec2(p.x + 24, p.y + lh - 3), col);
    ImGui::Dummy(ImVec2(28, lh));
    ImGui::SameLine();
    ImGui::TextUnformatted(what.c_str());
  };
  mark(IM_COL32(160, 0, 20, 255), tr("heat wave: >= 3 days with Tmax >= 35 \xC2\xB0" "C (bar on top, shading in the charts)"));
  mark(warning_colour(1), tr("heat warning in force: yellow"));
  mark(warning_colour(2), tr("heat warning in force: orange"));
  mark(warning_colour(3), tr("heat warning in force: red"));
  mark(ink::kSauna, tr("sauna day: Tmax >= 32 \xC2\xB0" "C and humidity >= 80 % (bar at the bottom)"));
  const double hn = app.session() ? app.session()->a.hot_night_tmin_c : 27.0;
  mark(ink::kHotNight, trf("hot night: Tmin >= %g \xC2\xB0" "C (dot)", hn));
  ImGui::Separator();
  ImGui::TextWrapped("%s", tr("Ensembles: the map, ranking and inspector show the chosen statistic of the replicates "
                              "(mean, median, 5 % or 95 % quantile, or one replicate); charts add the 5-95 % band of "
                              "the replicates. B - A pairs replicates with the same seed and gives the 95 % interval "
                              "of the mean difference."));
  ImGui::End();
}

}  // namespace swsim::viz
