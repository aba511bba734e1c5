// The ranking table: every matched station with the current metric for the day or the period, a name
// search (汉字 or pinyin), a management-area filter, sorting by any column, a click selects the station
// on the map, and the visible rows export as CSV.
#include <fstream>

#include "gui/widgets.hpp"
#include "gui/windows.hpp"
#include "model/ranking.hpp"
#include "model/ticks.hpp"

namespace swsim::viz {

void ranking_window(App& app) {
  const Session& s = *app.session();
  ViewState& v = app.view();
  ImGui::SetNextWindowSize(ImVec2(560, 460), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowPos(ImVec2(ImGui::GetIO().DisplaySize.x * 0.45f, 90), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin(window_title("Ranking", "###Ranking").c_str(), &v.panels.ranking)) {
    ImGui::End();
    return;
  }
  const Metric& m = s.a.metrics[static_cast<std::size_t>(v.metric)];
  const MetricTable& t = app.table();
  RankQuery& q = v.ranking;
  q.step = v.whole_run ? -1 : v.step;

  // Search and filter.
  char buf[128] = {0};
  std::snprintf(buf, sizeof buf, "%s", q.search.c_str());
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
  if (ImGui::InputTextWithHint("##search", tr("Search a station (汉字 or pinyin)"), buf, sizeof buf)) q.search = buf;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
  const std::string area_now = q.area >= 0 ? s.a.area_label(q.area, v.cjk) : tr("All areas");
  if (ImGui::BeginCombo("##area", area_now.c_str())) {
    if (ImGui::Selectable(tr("All areas"), q.area < 0)) q.area = -1;
    for (int a = 0; a < s.a.areas; ++a)
      if (s.a.area_stations_simulated.empty() || s.a.area_stations_simulated[static_cast<std::size_t>(a)] > 0)
        if (ImGui::Selectable((s.a.area_label(a, v.cjk) + "##" + std::to_string(a)).c_str(), q.area == a)) q.area = a;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  const auto rows = ranking(s, t, q);
  const int days = static_cast<int>(t.period.size());
  const std::string what = metric_label(m) + " [" + metric_units_text(m, v, days, true) + "], " +
                           (v.whole_run ? period_title(s, v, days) : step_title(s, v.step)) +
                           (stat_label(s.a, v.stat).empty() ? "" : ", " + stat_label(s.a, v.stat));
  if (ImGui::Button("CSV")) {
    const std::string path = app.export_path("ranking", "csv");
    std::ofstream out(path, std::ios::binary);
    out << ranking_csv(s, rows, what);
    app.set_status(out ? trf("Wrote %s", path.c_str()) : trf("Cannot write %s", path.c_str()));
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Save the rows shown as CSV in the current folder"));
  ImGui::TextDisabled("%s", fit_text(what, ImGui::GetContentRegionAvail().x).c_str());
  ImGui::TextDisabled("%s", trf("%d of %d stations", static_cast<int>(rows.size()), t.pairs).c_str());

  const bool two = s.comparing();
  const int cols = two ? 7 : 5;
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable;
  if (ImGui::BeginTable("##ranking", cols, flags)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn(tr("Station"), ImGuiTableColumnFlags_WidthStretch, 0, static_cast<ImGuiID>(RankColumn::kName));
    ImGui::TableSetupColumn(tr("Area"), ImGuiTableColumnFlags_WidthFixed, 0, static_cast<ImGuiID>(RankColumn::kArea));
    ImGui::TableSetupColumn(two ? "A" : tr("Value"),
                            ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_DefaultSort |
                                ImGuiTableColumnFlags_PreferSortDescending,
                            0, static_cast<ImGuiID>(RankColumn::kA));
    if (two) {
      ImGui::TableSetupColumn("B", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_PreferSortDescending, 0,
                              static_cast<ImGuiID>(RankColumn::kB));
      ImGui::TableSetupColumn("B\xE2\x88\x92" "A", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_PreferSortDescending, 0,
                              static_cast<ImGuiID>(RankColumn::kDiff));
    }
    ImGui::TableSetupColumn(tr("Elders 60+"), ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_PreferSortDescending, 0,
                            static_cast<ImGuiID>(RankColumn::kElders));
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs())
      if (specs->SpecsCount > 0) {
        q.column = static_cast<RankColumn>(specs->Specs[0].ColumnUserID);
        q.descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
      }
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(rows.size()));
    while (clip.Step())
      for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
        const RankRow& r = rows[static_cast<std::size_t>(i)];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%d", i + 1);
        ImGui::TableNextColumn();
        const bool sel = v.selection == Scope{ScopeKind::kStation, r.station};
        const std::string name = s.a.station_label(r.station, v.cjk) + "##r" + std::to_string(r.station);
        if (ImGui::Selectable(name.c_str(), sel, ImGuiSelectableFlags_SpanAllColumns))
          v.selection = {ScopeKind::kStation, r.station};
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.a.station_name_en[static_cast<std::size_t>(r.station)].c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.area >= 0 ? s.a.area_label(r.area, v.cjk).c_str() : "-");
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_value(r.a).c_str());
        if (two) {
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(format_value(r.b).c_str());
          ImGui::TableNextColumn();
          ImGui::PushStyleColor(ImGuiCol_Text, delta_colour(m, r.diff));
          ImGui::TextUnformatted(format_delta(r.diff).c_str());
          ImGui::PopStyleColor();
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_value(r.elders).c_str());
      }
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace swsim::viz
