// The distribution of the current metric: a histogram across the stations (the values the map shows)
// or across the replicates (the selection's value in each replicate), with the mean, the median and
// the 5 % / 95 % quantiles marked.
#include <algorithm>
#include <cmath>

#include "gui/widgets.hpp"
#include "gui/windows.hpp"
#include "model/ensemble.hpp"
#include "model/ticks.hpp"

namespace swsim::viz {

void distribution_window(App& app) {
  const Session& s = *app.session();
  ViewState& v = app.view();
  ImGui::SetNextWindowSize(ImVec2(480, 320), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowPos(ImVec2(ImGui::GetIO().DisplaySize.x * 0.52f, ImGui::GetIO().DisplaySize.y * 0.42f),
                          ImGuiCond_FirstUseEver);
  if (!ImGui::Begin(window_title("Distribution", "###Distribution").c_str(), &v.panels.distribution)) {
    ImGui::End();
    return;
  }
  const Metric& m = s.a.metrics[static_cast<std::size_t>(v.metric)];
  const MetricTable& t = app.table();
  int over = static_cast<int>(v.distribution);
  ImGui::RadioButton(tr("across stations"), &over, 0);
  ImGui::SameLine();
  ImGui::BeginDisabled(s.a.replicates < 2);
  ImGui::RadioButton(tr("across replicates"), &over, 1);
  ImGui::EndDisabled();
  v.distribution = static_cast<DistributionOver>(over);
  if (s.a.replicates < 2) v.distribution = DistributionOver::kStations;

  // Values and what they are.
  std::vector<double> vals;
  const int step = v.whole_run ? -1 : v.step;
  const bool diff = s.comparing() && v.map_show == MapShow::kDiff && t.has_b;
  const int side = s.comparing() && v.map_show == MapShow::kB ? 1 : 0;
  std::string what;
  if (v.distribution == DistributionOver::kStations) {
    for (int p = 0; p < t.pairs; ++p) vals.push_back(diff ? t.diff(step, p) : t.value(side, step, p));
    what = trf("%d stations", t.pairs);
    const std::string st = stat_label(s.a, v.stat);
    if (!st.empty()) what += ", " + st;
  } else {
    std::vector<int> steps = v.whole_run ? t.period : std::vector<int>{v.step};
    const auto a = scope_replicates(s, v.metric, 0, v.selection, steps, v.norm());
    if (diff) {
      const auto b = scope_replicates(s, v.metric, 1, v.selection, steps, v.norm());
      for (std::size_t r = 0; r < std::min(a.size(), b.size()); ++r) vals.push_back(b[r] - a[r]);
    } else {
      vals = side == 1 ? scope_replicates(s, v.metric, 1, v.selection, steps, v.norm()) : a;
    }
    what = trf("%d replicates", static_cast<int>(vals.size())) + ", " + scope_name(s, v.selection, v.cjk);
  }
  const int days = static_cast<int>(t.period.size());
  std::string title = (diff ? "B \xE2\x88\x92 A: " : "") + metric_label(m) + " [" + metric_units_text(m, v, days, true) + "]";
  ImGui::TextUnformatted(fit_text(title, ImGui::GetContentRegionAvail().x).c_str());
  ImGui::TextDisabled("%s", fit_text((v.whole_run ? period_title(s, v, days) : step_title(s, v.step)) + ", " + what,
                                     ImGui::GetContentRegionAvail().x)
                                .c_str());
  std::vector<double> finite;
  for (double x : vals)
    if (std::isfinite(x)) finite.push_back(x);
  if (finite.empty()) {
    ImGui::TextDisabled("%s", tr("no values"));
    ImGui::End();
    return;
  }
  const double lo = *std::min_element(finite.begin(), finite.end());
  const double hi = *std::max_element(finite.begin(), finite.end());
  const Ticks xt = nice_ticks(lo, hi > lo ? hi : lo + 1, 5);
  const int bins = std::clamp(static_cast<int>(std::sqrt(static_cast<double>(finite.size())) * 2), 4, 30);
  std::vector<int> count(static_cast<std::size_t>(bins), 0);
  for (double x : finite) {
    const int b = std::clamp(static_cast<int>((x - xt.lo) / (xt.hi - xt.lo) * bins), 0, bins - 1);
    ++count[static_cast<std::size_t>(b)];
  }
  const int top = *std::max_element(count.begin(), count.end());
  const Ticks yt = nice_ticks(0, std::max(top, 1), 4);

  const float lh = ImGui::GetTextLineHeight();
  const ImVec2 c0 = ImGui::GetCursorScreenPos();
  ImVec2 avail = ImGui::GetContentRegionAvail();
  avail.x = std::max(avail.x, 160.0f);
  avail.y = std::max(avail.y, 100.0f);
  ImGui::InvisibleButton("##hist", avail);
  float left = 8;
  for (double y : yt.values) left = std::max(left, text_size(format_tick(y, yt.step)).x + 10);
  const ImVec2 p0(c0.x + left, c0.y + lh + 4), p1(c0.x + avail.x - 10, c0.y + avail.y - 2 * lh - 6);
  if (p1.x - p0.x < 40 || p1.y - p0.y < 30) {
    ImGui::End();
    return;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p0, p1, IM_COL32(255, 255, 255, 255));
  auto x_of = [&](double x) { return p0.x + static_cast<float>((x - xt.lo) / (xt.hi - xt.lo)) * (p1.x - p0.x); };
  auto y_of = [&](double y) { return p1.y - static_cast<float>((y - yt.lo) / (yt.hi - yt.lo)) * (p1.y - p0.y); };
  for (double y : yt.values) {
    dl->AddLine(ImVec2(p0.x, y_of(y)), ImVec2(p1.x, y_of(y)), ink::kGrid);
    const std::string l = format_tick(y, yt.step);
    dl->AddText(ImVec2(p0.x - 6 - text_size(l).x, y_of(y) - lh * 0.5f), ink::kText, l.c_str());
  }
  const double bw = (xt.hi - xt.lo) / bins;
  for (int b = 0; b < bins; ++b) {
    const int c = count[static_cast<std::size_t>(b)];
    if (c == 0) continue;
    dl->AddRectFilled(ImVec2(x_of(xt.lo + b * bw) + 1, y_of(c)), ImVec2(x_of(xt.lo + (b + 1) * bw) - 1, p1.y),
                      IM_COL32(70, 110, 160, 220));
  }
  for (double x : xt.values) {
    const std::string l = format_tick(x, xt.step);
    dl->AddLine(ImVec2(x_of(x), p1.y), ImVec2(x_of(x), p1.y + 4), ink::kAxis);
    dl->AddText(ImVec2(x_of(x) - text_size(l).x * 0.5f, p1.y + 5), ink::kText, l.c_str());
  }
  dl->AddRect(p0, p1, ink::kAxis);
  dl->AddText(ImVec2(c0.x, c0.y), ink::kMuted, v.distribution == DistributionOver::kStations ? tr("stations") : tr("replicates"));
  // Markers: mean (solid), median (dashed), 5 % and 95 % (thin).
  const double mean = reduce(finite, {Stat::kMean, 0}), median = quantile(finite, 0.5);
  const double q05 = quantile(finite, 0.05), q95 = quantile(finite, 0.95);
  dl->AddLine(ImVec2(x_of(mean), p0.y), ImVec2(x_of(mean), p1.y), IM_COL32(200, 40, 40, 255), 2);
  for (float y = p0.y; y < p1.y; y += 8) dl->AddLine(ImVec2(x_of(median), y), ImVec2(x_of(median), std::min(y + 4, p1.y)), IM_COL32(20, 20, 20, 255), 2);
  dl->AddLine(ImVec2(x_of(q05), p0.y), ImVec2(x_of(q05), p1.y), IM_COL32(120, 120, 120, 255), 1);
  dl->AddLine(ImVec2(x_of(q95), p0.y), ImVec2(x_of(q95), p1.y), IM_COL32(120, 120, 120, 255), 1);
  const std::string legend = trf("mean %s (red), median %s (dashed), 5-95 %%: %s to %s", format_value(mean).c_str(),
                                 format_value(median).c_str(), format_value(q05).c_str(), format_value(q95).c_str());
  dl->AddText(ImVec2(p0.x, p1.y + lh + 6), ink::kText, fit_text(legend, p1.x - p0.x).c_str());
  ImGui::End();
}

}  // namespace swsim::viz
