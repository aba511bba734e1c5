// The selected station, area or (nothing selected) the whole simulated city: static facts, then every
// metric for the day and in total over the run; with two files, A, B and B - A side by side.
#include <algorithm>
#include <cmath>

#include "gui/widgets.hpp"
#include "gui/windows.hpp"
#include "model/ticks.hpp"

namespace swsim::viz {
namespace {

struct FactRow {
  std::string label, units;
  double a = 0, b = 0;
  bool share = false;
};

// Static facts of a scope: a station's own, or sums over the matched stations of an area or the city.
std::vector<FactRow> facts_of(const Session& s, Scope scope) {
  std::vector<FactRow> rows;
  for (const auto& fa : s.a.station_facts) {
    FactRow r;
    r.label = fa.label;
    r.units = fa.units;
    r.share = fa.share;
    const StaticFact* fb = nullptr;
    if (s.comparing())
      for (const auto& f : s.b->station_facts)
        if (f.name == fa.name) fb = &f;
    const auto sa = scope_stations(s.al, s.a, scope, 0);
    const auto sb = s.comparing() ? scope_stations(s.al, s.a, scope, 1) : std::vector<int>{};
    // Shares are averaged weighted by elders where possible, counts are summed.
    auto reduce = [&](const Dataset& d, const StaticFact& f, const std::vector<int>& st) {
      double num = 0, den = 0;
      const StaticFact* elders = nullptr;
      for (const auto& x : d.station_facts)
        if (x.name == "station_elders") elders = &x;
      for (int i : st) {
        const double v = f.values[static_cast<std::size_t>(i)];
        if (!std::isfinite(v)) continue;
        const double w = f.share ? (elders ? elders->values[static_cast<std::size_t>(i)] : 1.0) : 1.0;
        num += v * w;
        den += w;
      }
      if (!f.share) return num;
      return den > 0 ? num / den * 100.0 : std::nan("");
    };
    r.a = reduce(s.a, fa, sa);
    r.b = fb ? reduce(*s.b, *fb, sb) : std::nan("");
    rows.push_back(r);
  }
  return rows;
}

void header(const Session& s, const ViewState& v, ViewState& mut) {
  const bool cjk = v.cjk;
  switch (v.selection.kind) {
    case ScopeKind::kStation: {
      const int st = v.selection.index;
      const auto si = static_cast<std::size_t>(st);
      ImGui::TextUnformatted(s.a.station_label(st, cjk).c_str());
      if (cjk) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", s.a.station_name_en[si].c_str());
      }
      const int a = s.a.station_area[si];
      ImGui::TextDisabled("Station %d (global %d) in", st, s.a.station_global[si]);
      if (a >= 0) {
        ImGui::SameLine();
        const std::string an =
            s.a.area_label(a, cjk) + (cjk ? " (" + s.a.area_name_en[static_cast<std::size_t>(a)] + ")" : "");
        ImGui::TextUnformatted(an.c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("Select area")) mut.selection = {ScopeKind::kArea, a};
      }
      ImGui::SameLine();
      if (ImGui::SmallButton("Clear")) mut.selection = {};
      break;
    }
    case ScopeKind::kArea: {
      const int a = v.selection.index;
      const auto ai = static_cast<std::size_t>(a);
      ImGui::TextUnformatted(s.a.area_label(a, cjk).c_str());
      if (cjk) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", s.a.area_name_en[ai].c_str());
      }
      ImGui::TextDisabled("Management area: %s residents, %s elders (60+), %d of %d stations simulated",
                          format_value(s.a.area_population[ai]).c_str(),
                          format_value(s.a.area_elders[ai]).c_str(), s.a.area_stations_simulated[ai],
                          s.a.area_stations[ai]);
      ImGui::SameLine();
      if (ImGui::SmallButton("Clear")) mut.selection = {};
      break;
    }
    default:
      ImGui::TextUnformatted("Jinan: all simulated stations");
      ImGui::TextDisabled("%d stations matched. Click a station or an area on the map to inspect it.",
                          s.al.pairs());
  }
}

}  // namespace

void inspector_window(App& app, ImVec2 pos, ImVec2 size) {
  const Session& s = *app.session();
  ViewState& v = app.view();
  begin_tile("Inspector", pos, size, /*scroll=*/true);
  const ViewState snapshot = v;
  header(s, snapshot, v);
  const Scope scope = snapshot.selection;
  const bool two = s.comparing();
  const ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                             ImGuiTableFlags_BordersOuterH;

  // Static facts two to a row (label, value[, B]) to leave room for the metrics.
  const auto facts = facts_of(s, scope);
  const int per = two ? 3 : 2;
  if (ImGui::BeginTable(
          "##facts", per * 2,
          ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    for (int k = 0; k < 2; ++k) {
      ImGui::TableSetupColumn(k == 0 ? "Facts" : "Facts##2", ImGuiTableColumnFlags_WidthStretch, 1.6f);
      ImGui::TableSetupColumn(two ? (k == 0 ? "A" : "A##2") : (k == 0 ? "Value" : "Value##2"),
                              ImGuiTableColumnFlags_WidthStretch, 1.0f);
      if (two) ImGui::TableSetupColumn(k == 0 ? "B" : "B##2", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    }
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < facts.size(); ++i) {
      const auto& r = facts[i];
      if (i % 2 == 0) ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.label.c_str());
      auto cell = [&](double x) {
        ImGui::TableNextColumn();
        const std::string t = format_value(x) + (r.share ? " %" : "");
        ImGui::TextUnformatted(t.c_str());
      };
      cell(r.a);
      if (two) cell(r.b);
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();

  // Metrics: the day (or nothing in whole-run mode) and the run total.
  const int step = snapshot.step;
  const int last = s.al.steps() - 1;
  const std::string day_head = "Day " + std::to_string(s.al.day_a[static_cast<std::size_t>(step)]);
  const int cols = two ? 7 : 4;
  if (ImGui::BeginTable("##metrics", cols, tf | ImGuiTableFlags_BordersInnerH,
                        ImVec2(0, ImGui::GetContentRegionAvail().y))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Metric", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Unit", ImGuiTableColumnFlags_WidthFixed);
    if (two) {
      ImGui::TableSetupColumn((day_head + " A").c_str(), ImGuiTableColumnFlags_WidthFixed);
      ImGui::TableSetupColumn("B", ImGuiTableColumnFlags_WidthFixed);
      ImGui::TableSetupColumn(
          "B\xE2\x88\x92"
          "A",
          ImGuiTableColumnFlags_WidthFixed);
      ImGui::TableSetupColumn("Run A", ImGuiTableColumnFlags_WidthFixed);
      ImGui::TableSetupColumn(
          "B\xE2\x88\x92"
          "A##run",
          ImGuiTableColumnFlags_WidthFixed);
    } else {
      ImGui::TableSetupColumn(day_head.c_str(), ImGuiTableColumnFlags_WidthFixed);
      ImGui::TableSetupColumn("Run total", ImGuiTableColumnFlags_WidthFixed);
    }
    ImGui::TableHeadersRow();
    for (int mi = 0; mi < static_cast<int>(s.a.metrics.size()); ++mi) {
      const Metric& m = s.a.metrics[static_cast<std::size_t>(mi)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(mi);
      if (ImGui::Selectable(m.label.c_str(), mi == snapshot.metric, ImGuiSelectableFlags_SpanAllColumns))
        v.metric = mi;
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\n%s", m.name.c_str(), m.long_name.c_str());
      ImGui::PopID();
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", m.units.c_str());
      const double da = scope_value(s.a, s.al, s.a, mi, 0, scope, step, step, 0);
      const double ta = scope_value(s.a, s.al, s.a, mi, 0, scope, 0, last, 0);
      auto num = [](double x) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_value(x).c_str());
      };
      auto delta = [](double x) {
        ImGui::TableNextColumn();
        const ImU32 c = !std::isfinite(x) || x == 0
                            ? ink::kMuted
                            : (x > 0 ? IM_COL32(180, 30, 30, 255) : IM_COL32(30, 80, 170, 255));
        ImGui::PushStyleColor(ImGuiCol_Text, c);
        ImGui::TextUnformatted(format_delta(x).c_str());
        ImGui::PopStyleColor();
      };
      num(da);
      if (two) {
        const double db = scope_value(*s.b, s.al, s.a, mi, 1, scope, step, step, 0);
        const double tb = scope_value(*s.b, s.al, s.a, mi, 1, scope, 0, last, 0);
        num(db);
        delta(db - da);
        num(ta);
        delta(tb - ta);
      } else {
        num(ta);
      }
    }
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace swsim::viz
