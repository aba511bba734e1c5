// Time series of the current metric for the city, an area or a station, with proper axes: value ticks
// and units on the left, Tmax on the right, dates below, heat-wave days shaded, warning levels as a
// strip, replicate bands when the file has replicates, and a read-out under the mouse.
#include <algorithm>
#include <cmath>
#include <limits>

#include "gui/widgets.hpp"
#include "gui/windows.hpp"
#include "model/ticks.hpp"
#include "reader/time_axis.hpp"

namespace swsim::viz {
namespace {

struct Series {
  std::vector<double> mid, lo, hi;  // per step; lo/hi = 5-95 % of the replicates, or the 95 % interval of B - A
  bool band = false;
};

Series series_of(const Session& s, const ViewState& v, int run, Scope scope) {
  Series out;
  const int steps = s.al.steps();
  out.mid.assign(static_cast<std::size_t>(steps), std::numeric_limits<double>::quiet_NaN());
  out.lo = out.hi = out.mid;
  for (int k = 0; k < steps; ++k) {
    const int one[] = {k};
    const Band b = replicate_band(run_replicates(s, run, v.metric, scope, one, v.norm()), v.stat);
    out.mid[static_cast<std::size_t>(k)] = b.value;
    if (b.has_band) {
      out.lo[static_cast<std::size_t>(k)] = b.lo;
      out.hi[static_cast<std::size_t>(k)] = b.hi;
      out.band = true;
    }
  }
  return out;
}

// B - A per step, with the 95 % interval of the mean difference over replicates.
Series diff_series(const Session& s, const ViewState& v, Scope scope, bool paired) {
  Series out;
  const int steps = s.al.steps();
  out.mid.assign(static_cast<std::size_t>(steps), std::numeric_limits<double>::quiet_NaN());
  out.lo = out.hi = out.mid;
  for (int k = 0; k < steps; ++k) {
    const int one[] = {k};
    const auto a = scope_replicates(s, v.metric, 0, scope, one, v.norm());
    const auto b = scope_replicates(s, v.metric, 1, scope, one, v.norm());
    const DiffEstimate e = diff_estimate(a, b, v.stat, paired);
    out.mid[static_cast<std::size_t>(k)] = e.value;
    if (e.has_interval) {
      out.lo[static_cast<std::size_t>(k)] = e.lo;
      out.hi[static_cast<std::size_t>(k)] = e.hi;
      out.band = true;
    }
  }
  return out;
}

void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float th, float dash = 5) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  if (len <= 0) return;
  for (float t = 0; t < len; t += dash * 2) {
    const float t1 = std::min(len, t + dash);
    dl->AddLine(ImVec2(a.x + dx * t / len, a.y + dy * t / len),
                ImVec2(a.x + dx * t1 / len, a.y + dy * t1 / len), col, th);
  }
}

}  // namespace

void chart_window(App& app, ImVec2 pos, ImVec2 size) {
  const Session& s = *app.session();
  ViewState& v = app.view();
  begin_tile(window_title("Charts", "###Charts").c_str(), pos, size, /*scroll=*/false);
  const Metric& m = s.a.metrics[static_cast<std::size_t>(v.metric)];
  const bool two = s.comparing() && s.al.metric_b[static_cast<std::size_t>(v.metric)] >= 0;
  if (!two) v.chart_mode = ChartMode::kSeries;
  const bool diff_mode = v.chart_mode == ChartMode::kDiff;
  const bool paired = replicates_paired(s);

  // Scope: the selection, its area, or the city.
  static int level = 0;  // 0 = selection, 1 = its area, 2 = city
  Scope scope = v.selection;
  const bool has_area = v.selection.kind == ScopeKind::kStation &&
                        s.a.station_area[static_cast<std::size_t>(v.selection.index)] >= 0;
  if (v.selection.kind != ScopeKind::kCity) {
    ImGui::RadioButton(v.selection.kind == ScopeKind::kStation ? tr("Station") : tr("Area"), &level, 0);
    ImGui::SameLine();
    if (has_area) {
      ImGui::RadioButton(tr("Its area"), &level, 1);
      ImGui::SameLine();
    }
    ImGui::RadioButton(tr("City"), &level, 2);
    ImGui::SameLine();
    if (level == 1 && has_area)
      scope = {ScopeKind::kArea, s.a.station_area[static_cast<std::size_t>(v.selection.index)]};
    if (level == 1 && !has_area) level = 0;
    if (level == 2) scope = {};
  }
  if (two) {
    int mode = static_cast<int>(v.chart_mode);
    ImGui::RadioButton("A, B", &mode, 0);
    ImGui::SameLine();
    ImGui::RadioButton("B \xE2\x88\x92 A", &mode, 1);
    ImGui::SameLine();
    v.chart_mode = static_cast<ChartMode>(mode);
  }
  if (ImGui::Button("PNG")) {
    const ImVec2 wp = ImGui::GetWindowPos(), ws = ImGui::GetWindowSize();
    app.request_export({wp.x, wp.y, ws.x, ws.y, app.export_path("chart", "png")});
  }
  ImGui::SameLine();
  ImGui::TextUnformatted(fit_text(scope_name(s, scope, v.cjk), ImGui::GetContentRegionAvail().x).c_str());

  // Title line: metric, units, statistic.
  {
    std::string title = (diff_mode ? "B \xE2\x88\x92 A: " : "") + metric_label(m);
    ViewState per_day = v;
    per_day.whole_run = false;
    std::string sub = "[";
    sub += metric_units_text(m, per_day, s.al.steps(), scope.kind == ScopeKind::kStation);
    sub += "]";
    const std::string stat = stat_label(s.a, v.stat);
    if (!stat.empty()) sub += "  " + stat;
    ImGui::TextUnformatted(title.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s", fit_text(sub, ImGui::GetContentRegionAvail().x).c_str());
  }

  const int steps = s.al.steps();
  std::vector<Series> series;
  if (diff_mode) {
    series.push_back(diff_series(s, v, scope, paired));
  } else {
    series.push_back(series_of(s, v, 0, scope));
    if (two) series.push_back(series_of(s, v, 1, scope));
    for (int r = 0; r < static_cast<int>(s.more.size()); ++r) series.push_back(series_of(s, v, 2 + r, scope));
  }

  double ymin = 0, ymax = 0;
  for (const auto& se : series)
    for (int k = 0; k < steps; ++k) {
      const auto i = static_cast<std::size_t>(k);
      for (double x : {se.lo[i], se.hi[i], se.mid[i]})
        if (std::isfinite(x)) ymin = std::min(ymin, x), ymax = std::max(ymax, x);
    }
  const Ticks yt = nice_ticks(ymin, ymax > ymin ? ymax : ymin + 1, 5);
  double tmin = 1e300, tmax = -1e300;
  for (int k = 0; k < steps; ++k) {
    const double t = s.a.tmax_c[static_cast<std::size_t>(s.al.day_a[static_cast<std::size_t>(k)])];
    if (std::isfinite(t)) tmin = std::min(tmin, t), tmax = std::max(tmax, t);
  }
  const bool show_t = app.prefs().show_tmax && tmax >= tmin;
  const Ticks tt = show_t ? nice_ticks(std::floor(tmin - 1), std::ceil(tmax + 1), 5) : Ticks{};

  // Canvas and margins.
  const float lh = ImGui::GetTextLineHeight();
  const ImVec2 c0 = ImGui::GetCursorScreenPos();
  ImVec2 avail = ImGui::GetContentRegionAvail();
  avail.x = std::max(avail.x, 120.0f);
  avail.y = std::max(avail.y, 80.0f);
  ImGui::InvisibleButton("##chart", avail);
  const bool hovered = ImGui::IsItemHovered();
  float left = 0;
  for (double y : yt.values) left = std::max(left, text_size(format_tick(y, yt.step)).x);
  left += 12;
  float right = 10;
  if (show_t) {
    for (double y : tt.values) right = std::max(right, text_size(format_tick(y, tt.step)).x + 12);
  }
  const float top = lh + 6;  // room for axis unit labels and the legend
  const float bottom = 2 * lh + 12;  // dates, then the legend of the day marks
  const ImVec2 p0(c0.x + left, c0.y + top);
  const ImVec2 p1(c0.x + avail.x - right, c0.y + avail.y - bottom);
  const float pw = p1.x - p0.x, ph = p1.y - p0.y;
  if (pw < 20 || ph < 20) {
    ImGui::End();
    return;
  }
  auto x_of = [&](double k) { return p0.x + static_cast<float>((k + 0.5) / steps) * pw; };
  auto y_of = [&](double val) { return p1.y - static_cast<float>((val - yt.lo) / (yt.hi - yt.lo)) * ph; };
  auto t_of = [&](double val) { return p1.y - static_cast<float>((val - tt.lo) / (tt.hi - tt.lo)) * ph; };
  const float cell = pw / static_cast<float>(steps);

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p0, p1, IM_COL32(255, 255, 255, 255));
  // Heat-wave days shaded; warning level as a strip along the bottom, sauna days above it, hot nights
  // as dots at the top.
  for (int k = 0; k < steps; ++k) {
    const auto d = static_cast<std::size_t>(s.al.day_a[static_cast<std::size_t>(k)]);
    const float x0 = p0.x + k * cell, x1 = x0 + cell;
    if (s.a.heat_wave[d]) dl->AddRectFilled(ImVec2(x0, p0.y), ImVec2(x1, p1.y), ink::kHeatWave);
    const int w = s.a.heat_warning[d];
    if (w > 0) dl->AddRectFilled(ImVec2(x0, p1.y - 5), ImVec2(x1, p1.y), warning_colour(w));
    if (s.a.sauna_day[d]) dl->AddRectFilled(ImVec2(x0, p1.y - 9), ImVec2(x1, p1.y - 6), ink::kSauna);
    if (s.a.hot_night[d]) dl->AddCircleFilled(ImVec2(0.5f * (x0 + x1), p0.y + 4), 2.5f, ink::kHotNight, 8);
  }
  if (diff_mode) dl->AddLine(ImVec2(p0.x, y_of(0)), ImVec2(p1.x, y_of(0)), IM_COL32(60, 60, 60, 200), 1.2f);
  // The period, when one is chosen, as a bracket under the axis.
  if (v.whole_run && v.period.kind == PeriodKind::kRange)
    dl->AddRectFilled(ImVec2(p0.x + v.period.first * cell, p1.y + 1), ImVec2(p0.x + (v.period.last + 1) * cell, p1.y + 4),
                      IM_COL32(40, 40, 40, 200));
  // Grid and y ticks.
  for (double y : yt.values) {
    const float py = y_of(y);
    dl->AddLine(ImVec2(p0.x, py), ImVec2(p1.x, py), ink::kGrid);
    const std::string lab = format_tick(y, yt.step);
    dl->AddText(ImVec2(p0.x - 6 - text_size(lab).x, py - lh * 0.5f), ink::kText, lab.c_str());
  }
  // Day ticks with dates.
  const int dstep = day_tick_step(steps, pw, text_size("06-30").x + 14);
  for (int k = 0; k < steps; k += dstep) {
    const float px = x_of(k);
    dl->AddLine(ImVec2(px, p0.y), ImVec2(px, p1.y), IM_COL32(238, 238, 238, 255));
    dl->AddLine(ImVec2(px, p1.y), ImVec2(px, p1.y + 4), ink::kAxis);
    const auto date = results::civil_from_days(
        s.a.day_number[static_cast<std::size_t>(s.al.day_a[static_cast<std::size_t>(k)])]);
    char lab[16];
    std::snprintf(lab, sizeof lab, "%02d-%02d", date.month, date.day);
    const float tw = text_size(lab).x;
    dl->AddText(ImVec2(std::clamp(px - tw * 0.5f, p0.x - 4, p1.x - tw + 4), p1.y + 5), ink::kText, lab);
  }
  // Tmax axis on the right.
  if (show_t) {
    for (double y : tt.values) {
      const float py = t_of(y);
      dl->AddLine(ImVec2(p1.x, py), ImVec2(p1.x + 4, py), ink::kTmax);
      dl->AddText(ImVec2(p1.x + 6, py - lh * 0.5f), ink::kTmax, format_tick(y, tt.step).c_str());
    }
    std::vector<ImVec2> pts;
    for (int k = 0; k < steps; ++k) {
      const double t = s.a.tmax_c[static_cast<std::size_t>(s.al.day_a[static_cast<std::size_t>(k)])];
      if (std::isfinite(t)) pts.push_back(ImVec2(x_of(k), t_of(t)));
    }
    for (std::size_t i = 1; i < pts.size(); ++i) dashed_line(dl, pts[i - 1], pts[i], ink::kTmax, 1.5f);
    const char* tl =
        "Tmax \xC2\xB0"
        "C";
    dl->AddText(ImVec2(c0.x + avail.x - text_size(tl).x - 2, c0.y), ink::kTmax, tl);
  }
  // Unit label over the value axis.
  {
    const std::string u = v.per_elders && m.per_elders_ok() ? "/1000" : (m.units == "count" ? tr("count") : m.units);
    dl->AddText(ImVec2(c0.x + 2, c0.y), ink::kMuted, u.c_str());
  }
  // Series: bands, then lines and points.
  // A and B, then more runs in the Okabe-Ito colours (distinct for colour-blind readers).
  const ImU32 colours[] = {diff_mode ? IM_COL32(90, 30, 120, 255) : ink::kSeriesA, ink::kSeriesB,
                           IM_COL32(0, 158, 115, 255), IM_COL32(204, 121, 167, 255), IM_COL32(86, 180, 233, 255),
                           IM_COL32(213, 94, 0, 255), IM_COL32(120, 120, 120, 255)};
  const std::size_t n_colours = sizeof colours / sizeof colours[0];
  // Which run a series is: with B absent, the more runs start at series 1.
  auto run_of = [&](std::size_t si) { return si == 0 ? 0 : (two ? static_cast<int>(si) : static_cast<int>(si) + 1); };
  auto colour_of = [&](std::size_t si) { return colours[std::min(static_cast<std::size_t>(run_of(si)), n_colours - 1)]; };
  for (std::size_t si = 0; si < series.size(); ++si) {
    const Series& se = series[si];
    if (se.band && si < 2) {
      const ImU32 band = (colour_of(si) & 0x00FFFFFF) | (50u << 24);
      for (int k = 1; k < steps; ++k) {
        const auto a = static_cast<std::size_t>(k - 1), b = static_cast<std::size_t>(k);
        if (!std::isfinite(se.lo[a]) || !std::isfinite(se.lo[b])) continue;
        dl->AddQuadFilled(ImVec2(x_of(k - 1), y_of(se.hi[a])), ImVec2(x_of(k), y_of(se.hi[b])),
                          ImVec2(x_of(k), y_of(se.lo[b])), ImVec2(x_of(k - 1), y_of(se.lo[a])), band);
      }
    }
    std::vector<ImVec2> pts;
    auto flush = [&] {
      if (pts.size() > 1) dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), colour_of(si), 0, 2.0f);
      pts.clear();
    };
    for (int k = 0; k < steps; ++k) {
      const double val = se.mid[static_cast<std::size_t>(k)];
      if (!std::isfinite(val)) {
        flush();
        continue;
      }
      pts.push_back(ImVec2(x_of(k), y_of(val)));
      if (cell >= 8) dl->AddCircleFilled(pts.back(), 2.5f, colour_of(si), 8);
    }
    flush();
  }
  // Axes frame and the current day.
  dl->AddRect(p0, p1, ink::kAxis);
  if (!v.whole_run) {
    const float px = x_of(v.step);
    dl->AddLine(ImVec2(px, p0.y), ImVec2(px, p1.y), IM_COL32(20, 20, 20, 160), 1.5f);
  }
  // Legend of the series along the top.
  const std::string units = v.per_elders && m.per_elders_ok() ? "/1000" : (m.units == "count" ? tr("count") : m.units);
  {
    float lx = c0.x + left + text_size(units).x + 16;
    auto entry = [&](ImU32 col, const std::string& label, int style) {  // 0 line, 1 dashed, 2 band
      if (style == 1)
        dashed_line(dl, ImVec2(lx, c0.y + lh * 0.5f), ImVec2(lx + 18, c0.y + lh * 0.5f), col, 2, 4);
      else if (style == 2)
        dl->AddRectFilled(ImVec2(lx, c0.y + 3), ImVec2(lx + 18, c0.y + lh - 3), (col & 0x00FFFFFF) | (70u << 24));
      else
        dl->AddLine(ImVec2(lx, c0.y + lh * 0.5f), ImVec2(lx + 18, c0.y + lh * 0.5f), col, 2.5f);
      // Up to the "Tmax °C" label of the right axis.
      const float end = show_t ? c0.x + avail.x - text_size("Tmax \xC2\xB0" "C").x - 12 : c0.x + avail.x;
      const float room = end - lx - 22;
      if (room < 30) return;
      const std::string shown = fit_text(label, room);
      dl->AddText(ImVec2(lx + 22, c0.y), ink::kText, shown.c_str());
      lx += 22 + text_size(shown).x + 14;
    };
    const int reps = s.a.replicates;
    const float label_w = std::max(80.0f, (avail.x - left) * 0.28f);
    if (diff_mode) {
      entry(colours[0], "B \xE2\x88\x92 A", 0);
      if (series[0].band)
        entry(colours[0], paired ? trf("95 %% interval, %d paired replicates", reps)
                                 : std::string(tr("95 % interval (unpaired)")), 2);
    } else {
      entry(ink::kSeriesA, (s.comparing() ? "A " : "") + fit_text_tail(run_label(s.a), label_w), 0);
      if (two) entry(ink::kSeriesB, "B " + fit_text_tail(run_label(*s.b), label_w), 0);
      for (std::size_t r = 0; r < s.more.size(); ++r)
        entry(colour_of(r + (two ? 2 : 1)), std::string(1, static_cast<char>('C' + r)) + " " +
                                                fit_text_tail(run_label(s.more[r]), label_w * 0.6f), 0);
      if (series[0].band) entry(ink::kAxis, trf("5\xE2\x80\x93" "95 %% of %d replicates", reps), 2);
    }
    if (show_t) entry(ink::kTmax, "Tmax", 1);
  }
  // Legend of the day marks along the bottom.
  {
    float lx = p0.x;
    const float ly = p1.y + lh + 8;
    auto swatch = [&](ImU32 col, const std::string& full, int shape) {
      const float room = p1.x + right - lx - 16;
      if (room < 20) return;
      const std::string label = fit_text(full, room);
      if (shape == 1)
        dl->AddCircleFilled(ImVec2(lx + 5, ly + lh * 0.5f), 3.5f, col, 8);
      else
        dl->AddRectFilled(ImVec2(lx, ly + 3), ImVec2(lx + 12, ly + lh - 3), col);
      dl->AddText(ImVec2(lx + 16, ly), ink::kMuted, label.c_str());
      lx += 16 + text_size(label).x + 12;
    };
    swatch(IM_COL32(255, 140, 60, 110), tr("heat wave"), 0);
    swatch(warning_colour(1), "", 0);
    lx -= 10;
    swatch(warning_colour(2), "", 0);
    lx -= 10;
    swatch(warning_colour(3), tr("warning: yellow, orange, red"), 0);
    swatch(ink::kSauna, tr("sauna day"), 0);
    swatch(ink::kHotNight, trf("hot night (Tmin \xE2\x89\xA5 %g \xC2\xB0" "C)", s.a.hot_night_tmin_c), 1);
  }
  // Hover read-out; click or drag to choose the day.
  if (hovered && ImGui::GetIO().MousePos.x >= p0.x && ImGui::GetIO().MousePos.x <= p1.x) {
    const int k = std::clamp(static_cast<int>((ImGui::GetIO().MousePos.x - p0.x) / cell), 0, steps - 1);
    const float px = x_of(k);
    dl->AddLine(ImVec2(px, p0.y), ImVec2(px, p1.y), IM_COL32(120, 120, 120, 200));
    const auto d = static_cast<std::size_t>(s.al.day_a[static_cast<std::size_t>(k)]);
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(step_title(s, k).c_str());
    for (std::size_t si = 0; si < series.size(); ++si) {
      const double val = series[si].mid[static_cast<std::size_t>(k)];
      if (std::isfinite(val)) dl->AddCircleFilled(ImVec2(px, y_of(val)), 4, colour_of(si));
      ImGui::PushStyleColor(ImGuiCol_Text, diff_mode ? delta_colour(m, val) : colour_of(si));
      const char letter[4] = {static_cast<char>('A' + run_of(si)), ':', ' ', 0};
      const char* tag = diff_mode ? "B \xE2\x88\x92 A: " : (series.size() > 1 ? letter : "");
      ImGui::Text("%s%s %s", tag, diff_mode ? format_delta(val).c_str() : format_value(val).c_str(), units.c_str());
      ImGui::PopStyleColor();
      if (series[si].band)
        ImGui::TextDisabled("  %s", (diff_mode ? trf("95 %% interval %s to %s",
                                                     format_delta(series[si].lo[static_cast<std::size_t>(k)]).c_str(),
                                                     format_delta(series[si].hi[static_cast<std::size_t>(k)]).c_str())
                                               : trf("5-95 %% of replicates: %s to %s",
                                                     format_value(series[si].lo[static_cast<std::size_t>(k)]).c_str(),
                                                     format_value(series[si].hi[static_cast<std::size_t>(k)]).c_str()))
                                        .c_str());
    }
    if (two && !diff_mode) {
      const double dv = series[1].mid[static_cast<std::size_t>(k)] - series[0].mid[static_cast<std::size_t>(k)];
      ImGui::PushStyleColor(ImGuiCol_Text, delta_colour(m, dv));
      ImGui::Text("B \xE2\x88\x92 A: %s %s", format_delta(dv).c_str(), units.c_str());
      ImGui::PopStyleColor();
    }
    std::string marks = "Tmax " + format_tick(s.a.tmax_c[d], 0.1) + " \xC2\xB0" "C";
    if (s.a.heat_wave[d]) marks += ", " + std::string(tr("heat wave"));
    if (s.a.heat_warning[d] > 0) marks += ", " + trf("%s warning", warning_name(s.a.heat_warning[d]));
    if (s.a.sauna_day[d]) marks += ", " + std::string(tr("sauna day"));
    if (s.a.hot_night[d]) marks += ", " + std::string(tr("hot night"));
    ImGui::TextUnformatted(marks.c_str());
    ImGui::EndTooltip();
    if (ImGui::IsItemActive()) {
      v.step = k;
      v.whole_run = false;
    }
  }
  ImGui::End();
}

}  // namespace swsim::viz
