// The selected station, area or (nothing selected) the whole simulated city: static facts, then every
// metric for the day and in total over the run; with two files, A, B and B - A side by side.
#include <algorithm>
#include <cmath>

#include "gui/widgets.hpp"
#include "gui/windows.hpp"
#include "model/ensemble.hpp"
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
    r.label = tr(fa.label.c_str());
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
      ImGui::TextDisabled("%s", trf("Station %d (global %d) in", st, s.a.station_global[si]).c_str());
      if (a >= 0) {
        ImGui::SameLine();
        const std::string an =
            s.a.area_label(a, cjk) + (cjk ? " (" + s.a.area_name_en[static_cast<std::size_t>(a)] + ")" : "");
        ImGui::TextUnformatted(an.c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton(tr("Select area"))) mut.selection = {ScopeKind::kArea, a};
      }
      ImGui::SameLine();
      if (ImGui::SmallButton(tr("Clear"))) mut.selection = {};
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
      ImGui::TextDisabled("%s", trf("Management area: %s residents, %s elders (60+), %d of %d stations simulated",
                                    format_value(s.a.area_population[ai]).c_str(),
                                    format_value(s.a.area_elders[ai]).c_str(), s.a.area_stations_simulated[ai],
                                    s.a.area_stations[ai])
                                    .c_str());
      ImGui::SameLine();
      if (ImGui::SmallButton(tr("Clear"))) mut.selection = {};
      break;
    }
    default:
      ImGui::TextUnformatted(tr("Jinan: all simulated stations"));
      ImGui::TextDisabled("%s", trf("%d stations matched. Click a station or an area on the map to inspect it.",
                                    s.al.pairs())
                                    .c_str());
  }
}

}  // namespace

std::vector<std::string> inspector_columns(const Session& s, const ViewState& v) {
  const bool two = s.comparing();
  const bool any_reps = s.a.replicates > 1 || (two && s.b->replicates > 1);
  const std::string day_head = trf("Day %d", s.al.day_a[static_cast<std::size_t>(v.step)]);
  const std::string per_head = v.period.kind == PeriodKind::kAll ? tr("Run") : tr("Period");
  const std::string minus = "B\xE2\x88\x92" "A";
  std::vector<std::string> h = {tr("Metric"), tr("Unit")};
  if (two) {
    // Column names are unique within a table: the period's differ from the day's by their prefix.
    if (!v.whole_run) h.insert(h.end(), {day_head + " A", "B", minus});
    h.insert(h.end(), {per_head + " A", per_head + " B", per_head + " " + minus});
    if (any_reps) h.push_back(tr("95 % interval"));
  } else {
    if (!v.whole_run) h.push_back(day_head);
    h.push_back(per_head);
    if (any_reps) h.push_back(tr("5-95 % of replicates"));
  }
  return h;
}

void inspector_window(App& app, ImVec2 pos, ImVec2 size) {
  const Session& s = *app.session();
  ViewState& v = app.view();
  begin_tile(window_title("Inspector", "###Inspector").c_str(), pos, size, /*scroll=*/true);
  const ViewState snapshot = v;
  header(s, snapshot, v);
  const std::string stat = stat_label(s.a, snapshot.stat);
  const std::string period_days_text = period_title(s, snapshot, static_cast<int>(period_steps(s, snapshot.period).size()));
  {
    std::string what = snapshot.whole_run ? period_days_text : step_title(s, snapshot.step);
    if (!stat.empty()) what += "  \xC2\xB7  " + stat;
    if (snapshot.per_elders)
      what += "  \xC2\xB7  " + std::string(snapshot.per_registered ? tr("counts per 1,000 registered elders")
                                                                     : tr("counts per 1,000 elders"));
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(90, 30, 120, 255));
    ImGui::TextUnformatted(what.c_str());
    ImGui::PopStyleColor();
  }
  const Scope scope = snapshot.selection;
  const bool two = s.comparing();
  const bool paired = replicates_paired(s);
  const ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                             ImGuiTableFlags_BordersOuterH;

  // Static facts two to a row (label, value[, B]) to leave room for the metrics.
  const auto facts = facts_of(s, scope);
  const int per = two ? 3 : 2;
  if (ImGui::BeginTable(
          "##facts", per * 2,
          ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    for (int k = 0; k < 2; ++k) {
      ImGui::TableSetupColumn(k == 0 ? tr("Facts") : (std::string(tr("Facts")) + "##2").c_str(),
                              ImGuiTableColumnFlags_WidthStretch, 1.6f);
      ImGui::TableSetupColumn(two ? (k == 0 ? "A" : "A##2") : (k == 0 ? tr("Value") : (std::string(tr("Value")) + "##2").c_str()),
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

  // Metrics for the day and over the period (or, when the period is shown, the period only): the chosen
  // statistic over replicates; B - A paired by replicate with its 95 % interval over the period.
  const bool day_cols = !snapshot.whole_run;
  const std::vector<int> period = period_steps(s, snapshot.period);
  const int step_one[] = {snapshot.step};

  const bool any_reps = s.a.replicates > 1 || (two && s.b->replicates > 1);
  const auto heads = inspector_columns(s, snapshot);
  const int cols = static_cast<int>(heads.size());
  float label_w = 60;
  for (const auto& m : s.a.metrics) label_w = std::max(label_w, text_size(metric_label(m)).x);
  label_w = std::min(label_w + 8, std::max(120.0f, ImGui::GetContentRegionAvail().x * 0.34f));
  if (ImGui::BeginTable("##metrics", cols, tf | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollX,
                        ImVec2(0, ImGui::GetContentRegionAvail().y - (two && any_reps ? ImGui::GetTextLineHeightWithSpacing() : 0)))) {
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn(heads[0].c_str(), ImGuiTableColumnFlags_WidthFixed, label_w);
    for (int c = 1; c < cols; ++c) ImGui::TableSetupColumn(heads[static_cast<std::size_t>(c)].c_str(), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableHeadersRow();
    for (int mi = 0; mi < static_cast<int>(s.a.metrics.size()); ++mi) {
      const Metric& m = s.a.metrics[static_cast<std::size_t>(mi)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(mi);
      if (ImGui::Selectable(metric_label(m).c_str(), mi == snapshot.metric, ImGuiSelectableFlags_SpanAllColumns))
        v.metric = mi;
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\n%s", m.name.c_str(), m.long_name.c_str());
      ImGui::PopID();
      ImGui::TableNextColumn();
      const bool norm = snapshot.per_elders && m.per_elders_ok();
      ImGui::TextDisabled("%s", norm ? "/1000" : (m.units == "count" ? tr("count") : m.units.c_str()));
      auto num = [](double x) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_value(x).c_str());
      };
      auto delta = [&](double x) {
        ImGui::TableNextColumn();
        ImGui::PushStyleColor(ImGuiCol_Text, delta_colour(m, x));
        ImGui::TextUnformatted(format_delta(x).c_str());
        ImGui::PopStyleColor();
      };
      const auto ra_day = day_cols ? scope_replicates(s, mi, 0, scope, step_one, snapshot.norm()) : std::vector<double>{};
      const auto ra = scope_replicates(s, mi, 0, scope, period, snapshot.norm());
      if (two) {
        if (day_cols) {
          const auto rb_day = scope_replicates(s, mi, 1, scope, step_one, snapshot.norm());
          num(reduce(ra_day, snapshot.stat));
          num(reduce(rb_day, snapshot.stat));
          delta(diff_estimate(ra_day, rb_day, snapshot.stat, paired).value);
        }
        const auto rb = scope_replicates(s, mi, 1, scope, period, snapshot.norm());
        const DiffEstimate e = diff_estimate(ra, rb, snapshot.stat, paired);
        num(reduce(ra, snapshot.stat));
        num(reduce(rb, snapshot.stat));
        delta(e.value);
        if (any_reps) {
          ImGui::TableNextColumn();
          if (e.has_interval) ImGui::TextDisabled("%s \xE2\x80\xA6 %s", format_delta(e.lo).c_str(), format_delta(e.hi).c_str());
        }
      } else {
        if (day_cols) num(reduce(ra_day, snapshot.stat));
        num(reduce(ra, snapshot.stat));
        if (any_reps) {
          ImGui::TableNextColumn();
          const Band b = replicate_band(ra, snapshot.stat);
          if (b.has_band) ImGui::TextDisabled("%s \xE2\x80\xA6 %s", format_value(b.lo).c_str(), format_value(b.hi).c_str());
        }
      }
    }
    ImGui::EndTable();
  }
  if (two && any_reps)
    ImGui::TextDisabled("%s", paired ? tr("B - A: replicates paired by seed (common random numbers)")
                                     : tr("B - A: replicate seeds differ, unpaired (Welch) interval"));
  ImGui::End();
}

}  // namespace swsim::viz
