// The sweep browser: the grid points of the sweep the open files belong to, named by their parameter
// values; pick the point shown (A) and a point to compare with it (B).
#include "gui/widgets.hpp"
#include "gui/windows.hpp"
#include "inputs.hpp"

namespace swsim::viz {

void sweep_window(App& app) {
  const Session& s = *app.session();
  ViewState& v = app.view();
  if (!s.sweep) return;
  const results::SweepIndex& idx = *s.sweep;
  ImGui::SetNextWindowSize(ImVec2(520, 300), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowPos(ImVec2(ImGui::GetIO().DisplaySize.x * 0.3f, 120), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin(window_title("Sweep", "###Sweep").c_str(), &v.panels.sweep)) {
    ImGui::End();
    return;
  }
  ImGui::TextUnformatted(file_label(idx.path).c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("%s", trf("%d points", static_cast<int>(idx.points.size())).c_str());
  static int want_a = -1, want_b = -1;
  if (want_a < 0) want_a = s.point_a, want_b = s.point_b;
  const int cols = 3 + static_cast<int>(idx.parameters.size());
  if (ImGui::BeginTable("##points", cols,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY,
                        ImVec2(0, ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() * 1.3f))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("A", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("B", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn(tr("Point"), ImGuiTableColumnFlags_WidthFixed);
    for (const auto& p : idx.parameters) {
      const auto dot = p.find('.');
      ImGui::TableSetupColumn(dot == std::string::npos ? p.c_str() : p.c_str() + dot + 1);
    }
    ImGui::TableHeadersRow();
    for (int i = 0; i < static_cast<int>(idx.points.size()); ++i) {
      const auto& pt = idx.points[static_cast<std::size_t>(i)];
      ImGui::PushID(i);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::RadioButton("##a", &want_a, i);
      ImGui::TableNextColumn();
      ImGui::RadioButton("##b", &want_b, i);
      ImGui::TableNextColumn();
      ImGui::Text("%d%s", i, i == s.point_a ? " (A)" : (i == s.point_b ? " (B)" : ""));
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\n%s", pt.file.c_str(), pt.label().c_str());
      for (const auto& param : idx.parameters) {
        ImGui::TableNextColumn();
        for (const auto& [k, val] : pt.params)
          if (k == param) ImGui::TextUnformatted(results::format_number(val).c_str());
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (ImGui::Button(tr("Show A"))) {
    want_b = -1;
    app.request_load({"", "", app.current_request() ? app.current_request()->boundaries : "", idx.path, want_a, -1});
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(want_b < 0 || want_b == want_a);
  if (ImGui::Button(tr("Compare B with A")))
    app.request_load({"", "", app.current_request() ? app.current_request()->boundaries : "", idx.path, want_a, want_b});
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button(tr("No B"))) want_b = -1;
  ImGui::End();
}

}  // namespace swsim::viz
