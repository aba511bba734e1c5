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
  std::vector<double> mid, lo, hi;  // per step; lo/hi = replicate range
  bool band = false;
};

Series series_of(const Session& s, int metric, int side, Scope scope) {
  Series out;
  const Dataset& d = s.side(side);
  const int steps = s.al.steps();
  out.mid.assign(static_cast<std::size_t>(steps), std::numeric_limits<double>::quiet_NaN());
  out.lo = out.hi = out.mid;
  out.band = d.replicates > 1;
  for (int k = 0; k < steps; ++k) {
    double sum = 0, lo = 1e300, hi = -1e300;
    int n = 0;
    for (int r = 0; r < d.replicates; ++r) {
      const double v = scope_value(d, s.al, s.a, metric, side, scope, k, k, r);
      if (!std::isfinite(v)) continue;
      sum += v, ++n;
      lo = std::min(lo, v), hi = std::max(hi, v);
    }
    if (n == 0) continue;
    out.mid[static_cast<std::size_t>(k)] = sum / n;
    out.lo[static_cast<std::size_t>(k)] = lo;
    out.hi[static_cast<std::size_t>(k)] = hi;
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
  begin_tile("Charts", pos, size, /*scroll=*/false);
  const Metric& m = s.a.metrics[static_cast<std::size_t>(v.metric)];

  // Scope: the selection, its area, or the city.
  static int level = 0;  // 0 = selection, 1 = its area, 2 = city
  Scope scope = v.selection;
  const bool has_area = v.selection.kind == ScopeKind::kStation &&
                        s.a.station_area[static_cast<std::size_t>(v.selection.index)] >= 0;
  if (v.selection.kind != ScopeKind::kCity) {
    ImGui::RadioButton(v.selection.kind == ScopeKind::kStation ? "Station" : "Area", &level, 0);
    ImGui::SameLine();
    if (has_area) {
      ImGui::RadioButton("Its area", &level, 1);
      ImGui::SameLine();
    }
    ImGui::RadioButton("City", &level, 2);
    ImGui::SameLine();
    if (level == 1 && has_area)
      scope = {ScopeKind::kArea, s.a.station_area[static_cast<std::size_t>(v.selection.index)]};
    if (level == 1 && !has_area) level = 0;
    if (level == 2) scope = {};
  }
  ImGui::Checkbox("Tmax", &v.show_tmax);
  ImGui::SameLine();
  ImGui::TextUnformatted(scope_name(s, scope, v.cjk).c_str());

  // Title line: metric and units.
  ImGui::PushStyleColor(ImGuiCol_Text, ink::kText);
  ImGui::TextUnformatted(m.label.c_str());
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ImGui::TextDisabled(
      "[%s]",
      metric_units_text(m, false, s.al.steps(), scope.kind == ScopeKind::kCity ? false : false).c_str());

  const int steps = s.al.steps();
  std::vector<Series> series;
  series.push_back(series_of(s, v.metric, 0, scope));
  const bool two = s.comparing() && s.al.metric_b[static_cast<std::size_t>(v.metric)] >= 0;
  if (two) series.push_back(series_of(s, v.metric, 1, scope));

  double ymin = 0, ymax = 0;
  for (const auto& se : series)
    for (int k = 0; k < steps; ++k) {
      const auto i = static_cast<std::size_t>(k);
      if (std::isfinite(se.lo[i])) ymin = std::min(ymin, se.lo[i]);
      if (std::isfinite(se.hi[i])) ymax = std::max(ymax, se.hi[i]);
    }
  const Ticks yt = nice_ticks(ymin, ymax > ymin ? ymax : ymin + 1, 5);
  double tmin = 1e300, tmax = -1e300;
  for (int k = 0; k < steps; ++k) {
    const double t = s.a.tmax_c[static_cast<std::size_t>(s.al.day_a[static_cast<std::size_t>(k)])];
    if (std::isfinite(t)) tmin = std::min(tmin, t), tmax = std::max(tmax, t);
  }
  const bool show_t = v.show_tmax && tmax >= tmin;
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
  const float bottom = lh + 14;
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
  // Heat-wave days shaded, warning level as a strip along the bottom.
  for (int k = 0; k < steps; ++k) {
    const int d = s.al.day_a[static_cast<std::size_t>(k)];
    const float x0 = p0.x + k * cell, x1 = x0 + cell;
    if (s.a.heat_wave[static_cast<std::size_t>(d)])
      dl->AddRectFilled(ImVec2(x0, p0.y), ImVec2(x1, p1.y), ink::kHeatWave);
    const int w = s.a.heat_warning[static_cast<std::size_t>(d)];
    if (w > 0) dl->AddRectFilled(ImVec2(x0, p1.y - 5), ImVec2(x1, p1.y), warning_colour(w));
  }
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
  dl->AddText(ImVec2(c0.x + 2, c0.y), ink::kMuted, m.units.c_str());
  // Series: bands, then lines and points.
  const ImU32 colours[2] = {ink::kSeriesA, ink::kSeriesB};
  for (std::size_t si = 0; si < series.size(); ++si) {
    const Series& se = series[si];
    if (se.band) {
      const ImU32 band = (colours[si] & 0x00FFFFFF) | (50u << 24);
      for (int k = 1; k < steps; ++k) {
        const auto a = static_cast<std::size_t>(k - 1), b = static_cast<std::size_t>(k);
        if (!std::isfinite(se.lo[a]) || !std::isfinite(se.lo[b])) continue;
        dl->AddQuadFilled(ImVec2(x_of(k - 1), y_of(se.hi[a])), ImVec2(x_of(k), y_of(se.hi[b])),
                          ImVec2(x_of(k), y_of(se.lo[b])), ImVec2(x_of(k - 1), y_of(se.lo[a])), band);
      }
    }
    std::vector<ImVec2> pts;
    auto flush = [&] {
      if (pts.size() > 1) dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), colours[si], 0, 2.0f);
      pts.clear();
    };
    for (int k = 0; k < steps; ++k) {
      const double val = se.mid[static_cast<std::size_t>(k)];
      if (!std::isfinite(val)) {
        flush();
        continue;
      }
      pts.push_back(ImVec2(x_of(k), y_of(val)));
      if (cell >= 8) dl->AddCircleFilled(pts.back(), 2.5f, colours[si], 8);
    }
    flush();
  }
  // Axes frame and the current day.
  dl->AddRect(p0, p1, ink::kAxis);
  if (!v.whole_run) {
    const float px = x_of(v.step);
    dl->AddLine(ImVec2(px, p0.y), ImVec2(px, p1.y), IM_COL32(20, 20, 20, 160), 1.5f);
  }
  // Legend.
  {
    float lx = c0.x + left + text_size(m.units).x + 20;
    auto entry = [&](ImU32 col, const std::string& label, bool dashed) {
      if (dashed)
        dashed_line(dl, ImVec2(lx, c0.y + lh * 0.5f), ImVec2(lx + 18, c0.y + lh * 0.5f), col, 2, 4);
      else
        dl->AddLine(ImVec2(lx, c0.y + lh * 0.5f), ImVec2(lx + 18, c0.y + lh * 0.5f), col, 2.5f);
      dl->AddText(ImVec2(lx + 22, c0.y), ink::kText, label.c_str());
      lx += 22 + text_size(label).x + 14;
    };
    entry(ink::kSeriesA, s.comparing() ? "A " + file_label(s.a.path) : file_label(s.a.path), false);
    if (two) entry(ink::kSeriesB, "B " + file_label(s.b->path), false);
    if (show_t) entry(ink::kTmax, "Tmax", true);
    dl->AddRectFilled(ImVec2(lx, c0.y + 2), ImVec2(lx + 14, c0.y + lh - 2), IM_COL32(255, 140, 60, 110));
    dl->AddText(ImVec2(lx + 18, c0.y), ink::kText, "heat wave");
  }
  // Hover read-out; click or drag to choose the day.
  if (hovered && ImGui::GetIO().MousePos.x >= p0.x && ImGui::GetIO().MousePos.x <= p1.x) {
    const int k = std::clamp(static_cast<int>((ImGui::GetIO().MousePos.x - p0.x) / cell), 0, steps - 1);
    const float px = x_of(k);
    dl->AddLine(ImVec2(px, p0.y), ImVec2(px, p1.y), IM_COL32(120, 120, 120, 200));
    const int d = s.al.day_a[static_cast<std::size_t>(k)];
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(step_title(s, k).c_str());
    for (std::size_t si = 0; si < series.size(); ++si) {
      const double val = series[si].mid[static_cast<std::size_t>(k)];
      if (std::isfinite(val)) dl->AddCircleFilled(ImVec2(px, y_of(val)), 4, colours[si]);
      ImGui::PushStyleColor(ImGuiCol_Text, colours[si]);
      ImGui::Text("%s%s %s", series.size() > 1 ? (si == 0 ? "A: " : "B: ") : "", format_value(val).c_str(),
                  m.units.c_str());
      ImGui::PopStyleColor();
      if (series[si].band)
        ImGui::TextDisabled("  replicates %s to %s",
                            format_value(series[si].lo[static_cast<std::size_t>(k)]).c_str(),
                            format_value(series[si].hi[static_cast<std::size_t>(k)]).c_str());
    }
    if (series.size() > 1)
      ImGui::Text("B \xE2\x88\x92 A: %s %s",
                  format_delta(series[1].mid[static_cast<std::size_t>(k)] -
                               series[0].mid[static_cast<std::size_t>(k)])
                      .c_str(),
                  m.units.c_str());
    ImGui::Text(
        "Tmax %s \xC2\xB0"
        "C%s%s",
        format_tick(s.a.tmax_c[static_cast<std::size_t>(d)], 0.1).c_str(),
        s.a.heat_wave[static_cast<std::size_t>(d)] ? ", heat wave" : "",
        s.a.heat_warning[static_cast<std::size_t>(d)] > 0
            ? (std::string(", ") + warning_name(s.a.heat_warning[static_cast<std::size_t>(d)]) + " warning")
                  .c_str()
            : "");
    ImGui::EndTooltip();
    if (ImGui::IsItemActive()) {
      v.step = k;
      v.whole_run = false;
    }
  }
  ImGui::End();
}

}  // namespace swsim::viz
