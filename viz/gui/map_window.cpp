// The map: catchment cells coloured by the metric, area or district outlines, station markers, a
// colour legend with units and a scale bar. Drag to pan, wheel to zoom, hover for a tooltip, click to
// select.
#include <algorithm>
#include <cmath>
#include <limits>

#include "gui/widgets.hpp"
#include "gui/windows.hpp"
#include "model/colormap.hpp"
#include "model/ticks.hpp"

namespace swsim::viz {
namespace {

constexpr double kKmPerDegLat = 110.574;

struct Projection {
  ImVec2 centre;  // screen position of the camera centre
  double lon0, lat0, k, coslat;
  ImVec2 to_screen(double lon, double lat) const {
    return ImVec2(static_cast<float>(centre.x + (lon - lon0) * k * coslat),
                  static_cast<float>(centre.y - (lat - lat0) * k));
  }
  LonLat to_geo(ImVec2 p) const {
    return {lon0 + (p.x - centre.x) / (k * coslat), lat0 - (p.y - centre.y) / k};
  }
};

double reference_coslat(const Session& s) {
  const Grid& g = s.a.grid;
  double lat = 36.7;
  if (!g.empty()) lat = 0.5 * (g.lat_edge.front() + g.lat_edge.back());
  return std::cos(lat * 3.14159265358979 / 180.0);
}

struct Bounds {
  double lon0 = 1e9, lon1 = -1e9, lat0 = 1e9, lat1 = -1e9;
  void add(double lon, double lat) {
    if (!std::isfinite(lon) || !std::isfinite(lat)) return;
    lon0 = std::min(lon0, lon), lon1 = std::max(lon1, lon), lat0 = std::min(lat0, lat),
    lat1 = std::max(lat1, lat);
  }
  bool valid() const { return lon1 > lon0 && lat1 > lat0; }
};

// What the map colours: a value per matched pair, its colour scale and a legend.
struct Colouring {
  bool diff = false;
  int side = 0;
  double lo = 0, hi = 1;  // value range (diff: -hi .. hi)
  Direction direction = Direction::kNeutral;
  Palette palette = Palette::kViridis;
  Ticks ticks;
  ImU32 colour(double v) const {
    if (!std::isfinite(v)) return ink::kNoData;
    if (diff) {
      const double t = v / hi;
      if (direction == Direction::kNeutral) return pack(diverging_neutral(t));
      return pack(better_worse(direction == Direction::kHigherIsBetter ? t : -t));
    }
    return pack(sequential((v - lo) / (hi - lo), palette));
  }
};

Colouring colouring(App& app) {
  const ViewState& v = app.view();
  const MetricTable& t = app.table();
  const Session& s = *app.session();
  Colouring c;
  c.diff = t.has_b && v.map_show == MapShow::kDiff;
  c.side = v.map_show == MapShow::kB && t.has_b ? 1 : 0;
  c.direction = s.a.metrics[static_cast<std::size_t>(v.metric)].direction;
  c.palette = app.prefs().palette;
  const auto [lo, hi] = app.colour_limits(c.diff);
  if (c.diff) {
    // Ticks on the robust limit itself, so the bar ends where the colours saturate.
    c.hi = hi > 0 ? hi : 1;
    c.lo = -c.hi;
    const Ticks half = nice_ticks(0, c.hi, 3);
    c.ticks.step = half.step;
    for (auto it = half.values.rbegin(); it != half.values.rend(); ++it)
      if (*it > 0 && *it <= c.hi * 1.0001) c.ticks.values.push_back(-*it);
    for (double x : half.values)
      if (x <= c.hi * 1.0001) c.ticks.values.push_back(x);
    c.ticks.lo = c.lo;
    c.ticks.hi = c.hi;
  } else {
    c.lo = lo;
    c.hi = hi > lo ? hi : lo + 1;
    const Ticks all = nice_ticks(c.lo, c.hi, 5);
    c.ticks.step = all.step;
    for (double x : all.values)
      if (x >= c.lo - 1e-9 * std::fabs(c.hi) && x <= c.hi + 1e-9 * std::fabs(c.hi)) c.ticks.values.push_back(x);
    c.ticks.lo = c.lo;
    c.ticks.hi = c.hi;
  }
  return c;
}

double pair_value(App& app, const Colouring& c, int pair) {
  const MetricTable& t = app.table();
  const int step = app.view().whole_run ? -1 : app.view().step;
  return c.diff ? t.diff(step, pair) : t.value(c.side, step, pair);
}

// The legend's title: metric, what is shown, units and period, statistic; wrapped into two lines at
// " · " when one is too narrow, then cut.
std::vector<std::string> legend_title_lines(App& app, const Colouring& c, float width) {
  const Session& s = *app.session();
  const ViewState& v = app.view();
  const MetricTable& t = app.table();
  const Metric& m = s.a.metrics[static_cast<std::size_t>(v.metric)];
  std::vector<std::string> parts;
  std::string head = metric_label(m);
  if (c.diff)
    head = "B \xE2\x88\x92 A: " + head;
  else if (s.comparing())
    head = (c.side == 0 ? "A: " : "B: ") + head;
  parts.push_back(head);
  parts.push_back(metric_units_text(m, v, static_cast<int>(t.period.size()), true));
  const std::string stat = stat_label(s.a, v.stat);
  if (!stat.empty()) parts.push_back(stat);
  if (c.diff && t.paired && s.a.replicates > 1) parts.push_back(tr("paired by seed"));
  const std::string sep = "  \xC2\xB7  ";
  std::vector<std::string> lines(1);
  for (const auto& p : parts) {
    if (lines.back().empty()) {
      lines.back() = p;
    } else if (text_size(lines.back() + sep + p).x <= width || lines.size() == 2) {
      lines.back() += sep + p;
    } else {
      lines.push_back(p);
    }
  }
  for (auto& l : lines) l = fit_text(l, width);
  return lines;
}

// The legend strip under the map, three lines: the title (metric, what is shown, units and period);
// the colour bar at a fixed width with "better / worse" or "lower / higher" at its ends, and the grey
// swatches to its right; the tick labels.
void draw_legend(App& app, ImDrawList* dl, const Colouring& c, ImVec2 l0, ImVec2 l1) {
  const Session& s = *app.session();
  const ViewState& v = app.view();
  const MetricTable& t = app.table();
  const Metric& m = s.a.metrics[static_cast<std::size_t>(v.metric)];
  const float lh = ImGui::GetTextLineHeight();
  const auto lines = legend_title_lines(app, c, l1.x - l0.x - 12);
  dl->AddRectFilled(l0, l1, IM_COL32(255, 255, 255, 255));
  dl->AddLine(l0, ImVec2(l1.x, l0.y), IM_COL32(200, 200, 200, 255));
  const float pad = 6;
  float y = l0.y + pad;
  for (std::size_t i = 0; i < lines.size(); ++i)
    dl->AddText(ImVec2(l0.x + pad, y + lh * static_cast<float>(i)), ink::kText, lines[i].c_str());
  y += lh * static_cast<float>(lines.size() - 1);

  const bool has_grey = !s.a.grid.empty();
  const std::string grey1 = tr("no simulated station");
  const std::string grey2 = s.comparing() ? tr("no data / unmatched") : tr("no data");
  const float sw_w = has_grey ? std::max(text_size(grey1).x, text_size(grey2).x) + 20 + pad : 0;
  // The bar keeps its width: it only shrinks when the map itself is narrow.
  const float x0 = l0.x + pad + 4;
  const float bar_w = std::clamp(l1.x - x0 - pad - sw_w - 16, 80.0f, 360.0f);
  const float by = y + lh + 4;
  const float bh = lh * 0.8f;
  const int slices = 96;
  for (int i = 0; i < slices; ++i) {
    const double val = c.lo + (c.hi - c.lo) * ((i + 0.5) / slices);
    dl->AddRectFilled(ImVec2(x0 + bar_w * i / slices, by), ImVec2(x0 + bar_w * (i + 1) / slices + 0.5f, by + bh),
                      c.colour(val));
  }
  dl->AddRect(ImVec2(x0, by), ImVec2(x0 + bar_w, by + bh), IM_COL32(120, 120, 120, 255));
  // Values beyond the limits take the end colours: say so with small triangles.
  const double vmin = c.diff ? -(v.whole_run ? t.total_absdiff : t.day_absdiff) : (v.whole_run ? t.total_min : t.day_min);
  const double vmax = v.whole_run ? t.total_max : t.day_max;
  const bool clip_hi = !c.diff && vmax > c.hi * 1.0001, clip_lo = !c.diff && vmin < c.lo - 1e-9;
  if (clip_hi || c.diff || v.lock_limits)
    dl->AddTriangleFilled(ImVec2(x0 + bar_w + 1, by), ImVec2(x0 + bar_w + 1, by + bh),
                          ImVec2(x0 + bar_w + 8, by + bh * 0.5f), c.colour(c.hi));
  if (clip_lo || c.diff || v.lock_limits)
    dl->AddTriangleFilled(ImVec2(x0 - 1, by), ImVec2(x0 - 1, by + bh), ImVec2(x0 - 8, by + bh * 0.5f),
                          c.colour(c.lo));
  float last_right = -1e9f;
  for (double tv : c.ticks.values) {
    const float x = x0 + static_cast<float>((tv - c.lo) / (c.hi - c.lo)) * bar_w;
    dl->AddLine(ImVec2(x, by + bh), ImVec2(x, by + bh + 3), ink::kAxis);
    std::string label;
    if (c.diff && tv > 0) label = "+";
    label += format_tick(tv, c.ticks.step);
    const float tw = text_size(label).x;
    const float tx = std::clamp(x - tw * 0.5f, x0 - 4, x0 + bar_w - tw + 4);
    if (tx > last_right + 4) {
      dl->AddText(ImVec2(tx, by + bh + 2), ink::kText, label.c_str());
      last_right = tx + tw;
    }
  }
  // What the ends mean.
  std::string left, right;
  if (c.diff && m.direction != Direction::kNeutral) {
    // The bar runs from B < A (left) to B > A (right): which end is better depends on the direction.
    const bool right_better = m.direction == Direction::kHigherIsBetter;
    left = std::string("\xE2\x97\x80 ") + tr(right_better ? "worse" : "better");
    right = std::string(tr(right_better ? "better" : "worse")) + " \xE2\x96\xB6";
  } else if (c.diff) {
    left = std::string("\xE2\x97\x80 ") + tr("B lower");
    right = std::string(tr("B higher")) + " \xE2\x96\xB6";
  } else if (m.direction == Direction::kHigherIsBetter) {
    left = tr("lower (worse)");
    right = tr("higher (better)");
  } else if (m.direction == Direction::kHigherIsWorse) {
    left = tr("lower (better)");
    right = tr("higher (worse)");
  } else {
    left = tr("lower");
    right = tr("higher");
  }
  const float ey = by + bh + 2 + lh;
  dl->AddText(ImVec2(x0, ey), ink::kMuted, left.c_str());
  dl->AddText(ImVec2(x0 + bar_w - text_size(right).x, ey), ink::kMuted, right.c_str());
  if (v.lock_limits) {
    const std::string lk = tr("limits locked");
    dl->AddText(ImVec2(x0 + bar_w * 0.5f - text_size(lk).x * 0.5f, ey), ink::kText, lk.c_str());
  }
  if (has_grey) {
    const float gx = x0 + bar_w + 16;
    if (gx + sw_w <= l1.x + 1) {
      dl->AddRectFilled(ImVec2(gx, by), ImVec2(gx + 14, by + lh - 4), ink::kNoStation);
      dl->AddRect(ImVec2(gx, by), ImVec2(gx + 14, by + lh - 4), IM_COL32(160, 160, 160, 255));
      dl->AddText(ImVec2(gx + 20, by - 2), ink::kMuted, grey1.c_str());
      dl->AddRectFilled(ImVec2(gx, by + lh), ImVec2(gx + 14, by + 2 * lh - 4), ink::kNoData);
      dl->AddText(ImVec2(gx + 20, by + lh - 2), ink::kMuted, grey2.c_str());
    }
  }
}

void draw_scale_bar(ImDrawList* dl, const Projection& pr, ImVec2 canvas1) {
  const double km_per_px = kKmPerDegLat / pr.k;
  const Ticks t = nice_ticks(0, km_per_px * 110, 2);
  const double km = t.step;
  const float px = static_cast<float>(km / km_per_px);
  const ImVec2 p1(canvas1.x - 16, canvas1.y - 16);
  const ImVec2 p0(p1.x - px, p1.y);
  dl->AddRectFilled(ImVec2(p0.x - 6, p0.y - ImGui::GetTextLineHeight() - 8), ImVec2(p1.x + 6, p1.y + 6),
                    IM_COL32(255, 255, 255, 200), 3);
  dl->AddLine(p0, p1, ink::kText, 2);
  dl->AddLine(ImVec2(p0.x, p0.y - 5), ImVec2(p0.x, p0.y + 2), ink::kText, 2);
  dl->AddLine(ImVec2(p1.x, p1.y - 5), ImVec2(p1.x, p1.y + 2), ink::kText, 2);
  const std::string label = format_tick(km, km) + " km";
  dl->AddText(ImVec2(0.5f * (p0.x + p1.x) - text_size(label).x * 0.5f, p0.y - ImGui::GetTextLineHeight() - 4),
              ink::kText, label.c_str());
}

// The station whose marker is within `radius` px of the mouse, or -1.
int station_near(const Session& s, const Projection& pr, ImVec2 mouse, float radius) {
  int best = -1;
  float best_d2 = radius * radius;
  for (int st = 0; st < s.a.stations; ++st) {
    const ImVec2 p = pr.to_screen(s.a.station_lon[static_cast<std::size_t>(st)],
                                  s.a.station_lat[static_cast<std::size_t>(st)]);
    const float dx = p.x - mouse.x, dy = p.y - mouse.y;
    if (dx * dx + dy * dy < best_d2) best_d2 = dx * dx + dy * dy, best = st;
  }
  return best;
}

void tooltip(App& app, const Colouring& c, int station, int area) {
  const Session& s = *app.session();
  const ViewState& v = app.view();
  const Metric& m = s.a.metrics[static_cast<std::size_t>(v.metric)];
  const MetricTable& t = app.table();
  const int step = v.whole_run ? -1 : v.step;
  ImGui::BeginTooltip();
  if (station >= 0) {
    const auto si = static_cast<std::size_t>(station);
    ImGui::TextUnformatted(s.a.station_label(station, v.cjk).c_str());
    if (v.cjk) ImGui::TextDisabled("%s", s.a.station_name_en[si].c_str());
    area = s.a.station_area[si];
  }
  if (area >= 0) {
    const std::string a = std::string(tr("Area")) + ": " + s.a.area_label(area, v.cjk) +
                          (v.cjk ? " (" + s.a.area_name_en[static_cast<std::size_t>(area)] + ")" : "");
    ImGui::TextUnformatted(a.c_str());
  }
  if (station < 0) {
    ImGui::TextDisabled("%s", tr("no simulated station here"));
  } else {
    const int pair = s.al.pair_of_a[static_cast<std::size_t>(station)];
    ImGui::Separator();
    const int days = static_cast<int>(t.period.size());
    ImGui::Text("%s, %s", metric_label(m).c_str(),
                v.whole_run ? period_title(s, v, days).c_str() : step_title(s, v.step).c_str());
    const std::string units = metric_units_text(m, v, days, false);
    if (pair < 0) {
      ImGui::TextDisabled("%s", tr("not in file B"));
    } else if (!s.comparing()) {
      ImGui::Text("%s  [%s]", format_value(t.value(0, step, pair)).c_str(), units.c_str());
    } else {
      ImGui::Text("A: %s   B: %s", format_value(t.value(0, step, pair)).c_str(),
                  format_value(t.value(1, step, pair)).c_str());
      ImGui::PushStyleColor(ImGuiCol_Text, delta_colour(m, t.diff(step, pair)));
      std::string d = "B \xE2\x88\x92 A: " + format_delta(t.diff(step, pair));
      if (step < 0 && std::isfinite(t.total_d_lo[static_cast<std::size_t>(pair)]))
        d += "  (" + trf("95 %% interval %s to %s", format_delta(t.total_d_lo[static_cast<std::size_t>(pair)]).c_str(),
                         format_delta(t.total_d_hi[static_cast<std::size_t>(pair)]).c_str()) +
             ")";
      ImGui::TextUnformatted(d.c_str());
      ImGui::PopStyleColor();
      ImGui::TextDisabled("[%s]", units.c_str());
    }
    const std::string stat = stat_label(s.a, v.stat);
    if (!stat.empty()) ImGui::TextDisabled("%s", stat.c_str());
    (void)c;
    ImGui::TextDisabled("%s", tr("Click to select"));
  }
  ImGui::EndTooltip();
}

}  // namespace

MapCamera fit_camera(const Session& s, ImVec2 size) {
  Bounds b;
  const Grid& g = s.a.grid;
  if (!g.empty()) {
    // The cells inside some area, not the whole raster (which has empty margins).
    for (const auto& sp : g.spans) {
      b.add(g.lon_edge[static_cast<std::size_t>(sp.x0)], g.lat_edge[static_cast<std::size_t>(sp.row)]);
      b.add(g.lon_edge[static_cast<std::size_t>(sp.x1)], g.lat_edge[static_cast<std::size_t>(sp.row) + 1]);
    }
  }
  if (!b.valid() && s.boundaries)
    for (const auto& f : s.boundaries->features)
      for (const auto& r : f.rings)
        for (const auto& p : r) b.add(p.lon, p.lat);
  if (!b.valid()) {
    for (int st = 0; st < s.a.stations; ++st)
      b.add(s.a.station_lon[static_cast<std::size_t>(st)], s.a.station_lat[static_cast<std::size_t>(st)]);
    b.lon0 -= 0.05, b.lon1 += 0.05, b.lat0 -= 0.05, b.lat1 += 0.05;
  }
  MapCamera cam;
  if (!b.valid()) return cam;
  const double coslat = reference_coslat(s);
  cam.lon = 0.5 * (b.lon0 + b.lon1);
  cam.lat = 0.5 * (b.lat0 + b.lat1);
  const double kx = size.x / ((b.lon1 - b.lon0) * coslat);
  const double ky = size.y / (b.lat1 - b.lat0);
  cam.px_per_deg = 0.94 * std::min(kx, ky);
  cam.fitted = true;
  return cam;
}

ImVec2 map_to_screen(const App& app, double lon, double lat) {
  const MapCamera& c = app.view().camera;
  return Projection{ImVec2(c.screen_x, c.screen_y), c.lon, c.lat, c.px_per_deg, c.coslat}.to_screen(lon, lat);
}

namespace {
// The meal programme's points under the station markers: a filled dark square for a canteen whose kitchen
// delivers, a hollow one for a point that serves on site; a key in the map's top-left corner.
void draw_meal_points(const Dataset& d, const Projection& pr, ImDrawList* dl, double px_per_deg, ImVec2 c0,
                      ImVec2 c1) {
  const float h = static_cast<float>(std::clamp(px_per_deg * 0.0025, 1.5, 4.0));
  const ImU32 ink = IM_COL32(25, 25, 35, 235), paper = IM_COL32(255, 255, 255, 200);
  for (std::size_t k = 0; k < d.meal_point_lat.size(); ++k) {
    const ImVec2 p = pr.to_screen(d.meal_point_lon[k], d.meal_point_lat[k]);
    if (p.x < c0.x || p.x > c1.x || p.y < c0.y || p.y > c1.y) continue;
    const ImVec2 a(p.x - h, p.y - h), b(p.x + h, p.y + h);
    if (d.meal_point_canteen[k]) {  // white rim: visible on the dark end of the colour scale too
      dl->AddRectFilled(ImVec2(a.x - 1, a.y - 1), ImVec2(b.x + 1, b.y + 1), paper);
      dl->AddRectFilled(a, b, ink);
    } else {
      dl->AddRectFilled(a, b, paper);
      dl->AddRect(a, b, ink);
    }
  }
  const float line = ImGui::GetTextLineHeight();
  ImVec2 at(c0.x + 8, c1.y - 2 * line - 8);  // bottom left: the day's caption is top left, the scale bar bottom right
  dl->AddRectFilled(ImVec2(at.x - 4, at.y - 4),
                    ImVec2(at.x + 16 + ImGui::CalcTextSize(tr("canteen that delivers")).x + 4, at.y + 2 * line + 4),
                    IM_COL32(255, 255, 255, 210));
  dl->AddRectFilled(ImVec2(at.x, at.y + line / 2 - 4), ImVec2(at.x + 8, at.y + line / 2 + 4), ink);
  dl->AddText(ImVec2(at.x + 14, at.y), ink, tr("canteen that delivers"));
  at.y += line;
  dl->AddRect(ImVec2(at.x, at.y + line / 2 - 4), ImVec2(at.x + 8, at.y + line / 2 + 4), ink);
  dl->AddText(ImVec2(at.x + 14, at.y), ink, tr("meal point (on site)"));
}
}  // namespace

void map_window(App& app, ImVec2 pos, ImVec2 size) {
  const Session& s = *app.session();
  ViewState& v = app.view();
  const Prefs& prefs = app.prefs();
  begin_tile(window_title("Map", "###Map").c_str(), pos, size, /*scroll=*/false);
  // Toolbar.
  if (s.comparing()) {
    int show = static_cast<int>(v.map_show);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("Show"));
    ImGui::SameLine();
    ImGui::RadioButton("A", &show, 0);
    ImGui::SameLine();
    ImGui::RadioButton("B", &show, 1);
    ImGui::SameLine();
    ImGui::RadioButton("B \xE2\x88\x92 A", &show, 2);
    v.map_show = static_cast<MapShow>(show);
    ImGui::SameLine(0, 20);
  }
  ImGui::Checkbox(tr("Select areas"), &v.select_areas);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Clicks on the map select management areas instead of stations"));
  ImGui::SameLine();
  {
    bool lock = v.lock_limits;
    if (ImGui::Checkbox(tr("Lock colours"), &lock)) {
      const auto lim = app.colour_limits(s.comparing() && v.map_show == MapShow::kDiff);
      v.locked_lo = lim.first, v.locked_hi = lim.second;
      v.lock_limits = lock;
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s", tr("Colour limits are the 2nd and 98th percentiles of the values shown over all days.\n"
                                 "Lock them (L) to compare days, metrics or files on one scale."));
  }
  ImGui::SameLine();
  if (ImGui::Button(tr("Fit"))) v.camera.fitted = false;
  ImGui::SameLine();
  if (ImGui::Button("PNG")) {
    const ImVec2 wp = ImGui::GetWindowPos(), ws = ImGui::GetWindowSize();
    app.request_export({wp.x, wp.y, ws.x, ws.y, app.export_path("map", "png")});
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Save the map with its legend as a PNG in the current folder"));

  const ImVec2 c0 = ImGui::GetCursorScreenPos();
  ImVec2 avail = ImGui::GetContentRegionAvail();
  const Colouring col0 = colouring(app);
  const float legend_h = ImGui::GetTextLineHeight() *
                             (3 + static_cast<float>(legend_title_lines(app, col0, ImGui::GetContentRegionAvail().x - 12).size())) +
                         14;
  avail.x = std::max(avail.x, 50.0f);
  avail.y = std::max(avail.y - legend_h, 50.0f);
  const ImVec2 c1(c0.x + avail.x, c0.y + avail.y);
  ImGui::InvisibleButton("##map", avail);
  const bool hovered = ImGui::IsItemHovered();
  const bool active = ImGui::IsItemActive();
  if (!v.camera.fitted) {
    v.camera = fit_camera(s, avail);
    v.camera.px_per_deg *= v.zoom;
    if (v.centre) v.camera.lon = v.centre->first, v.camera.lat = v.centre->second;
  }
  const ImGuiIO& io = ImGui::GetIO();
  static bool dragged = false;
  if (ImGui::IsItemActivated()) dragged = false;
  const double coslat = reference_coslat(s);
  if (active && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3.0f)) {
    dragged = true;
    v.camera.lon -= io.MouseDelta.x / (v.camera.px_per_deg * coslat);
    v.camera.lat += io.MouseDelta.y / v.camera.px_per_deg;
  }
  Projection pr{ImVec2(0.5f * (c0.x + c1.x), 0.5f * (c0.y + c1.y)), v.camera.lon, v.camera.lat,
                v.camera.px_per_deg, coslat};
  v.camera.screen_x = pr.centre.x;
  v.camera.screen_y = pr.centre.y;
  v.camera.coslat = coslat;
  if (hovered && io.MouseWheel != 0) {
    const LonLat before = pr.to_geo(io.MousePos);
    v.camera.px_per_deg = std::clamp(v.camera.px_per_deg * std::pow(1.2, io.MouseWheel), 20.0, 200000.0);
    pr.k = v.camera.px_per_deg;
    const LonLat after = pr.to_geo(io.MousePos);
    v.camera.lon += before.lon - after.lon;
    v.camera.lat += before.lat - after.lat;
    pr.lon0 = v.camera.lon;
    pr.lat0 = v.camera.lat;
  }

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(c0, c1, true);
  dl->AddRectFilled(c0, c1, IM_COL32(247, 248, 250, 255));
  const Colouring col = colouring(app);
  const Grid& g = s.a.grid;

  // Catchment cells, one rectangle per run of equal cells in a row.
  std::vector<ImU32> station_colour(static_cast<std::size_t>(s.a.stations), ink::kUnmatched);
  for (int st = 0; st < s.a.stations; ++st) {
    const int pair = s.al.pair_of_a[static_cast<std::size_t>(st)];
    if (pair >= 0) station_colour[static_cast<std::size_t>(st)] = col.colour(pair_value(app, col, pair));
  }
  for (const auto& sp : g.spans) {
    const ImVec2 a = pr.to_screen(g.lon_edge[static_cast<std::size_t>(sp.x0)],
                                  g.lat_edge[static_cast<std::size_t>(sp.row) + 1]);
    const ImVec2 b = pr.to_screen(g.lon_edge[static_cast<std::size_t>(sp.x1)],
                                  g.lat_edge[static_cast<std::size_t>(sp.row)]);
    if (b.x < c0.x || a.x > c1.x || std::max(a.y, b.y) < c0.y || std::min(a.y, b.y) > c1.y) continue;
    const ImU32 fill =
        sp.station >= 0 ? station_colour[static_cast<std::size_t>(sp.station)] : ink::kNoStation;
    dl->AddRectFilled(ImVec2(a.x, std::min(a.y, b.y)), ImVec2(b.x, std::max(a.y, b.y)), fill);
  }
  auto draw_segments = [&](const std::vector<Segment>& segs, ImU32 colour, float thickness) {
    for (const auto& sg : segs)
      dl->AddLine(pr.to_screen(sg.a.lon, sg.a.lat), pr.to_screen(sg.b.lon, sg.b.lat), colour, thickness);
  };
  if (prefs.show_catchment_edges) draw_segments(g.catchment_edges, IM_COL32(255, 255, 255, 150), 1.0f);
  if (s.boundaries) {
    // Districts from the GeoJSON file; the raster's own area edges are then left out.
    for (const auto& f : s.boundaries->features)
      for (const auto& ring : f.rings) {
        std::vector<ImVec2> pts;
        pts.reserve(ring.size());
        for (const auto& p : ring) pts.push_back(pr.to_screen(p.lon, p.lat));
        dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), IM_COL32(60, 60, 70, 230),
                        ImDrawFlags_Closed, 1.6f);
      }
  } else {
    draw_segments(g.area_edges, IM_COL32(70, 70, 80, 220), 1.4f);
  }
  // Selection outline.
  if (v.selection.kind == ScopeKind::kStation || v.selection.kind == ScopeKind::kArea) {
    const bool st = v.selection.kind == ScopeKind::kStation;
    const int id = v.selection.index;
    for (const auto* list : {&g.area_edges, &g.catchment_edges})
      for (const auto& sg : *list) {
        const bool on =
            st ? (sg.station0 == id) != (sg.station1 == id) : (sg.area0 == id) != (sg.area1 == id);
        if (on)
          dl->AddLine(pr.to_screen(sg.a.lon, sg.a.lat), pr.to_screen(sg.b.lon, sg.b.lat),
                      IM_COL32(0, 0, 0, 255), 3.0f);
      }
  }

  if (prefs.show_meal_points) draw_meal_points(s.a, pr, dl, v.camera.px_per_deg, c0, c1);
  // Station markers.
  const float r = static_cast<float>(std::clamp(v.camera.px_per_deg * 0.007, 2.0, 6.0));
  for (int st = 0; st < s.a.stations && prefs.show_stations; ++st) {
    const ImVec2 p = pr.to_screen(s.a.station_lon[static_cast<std::size_t>(st)],
                                  s.a.station_lat[static_cast<std::size_t>(st)]);
    dl->AddCircleFilled(p, r, IM_COL32(255, 255, 255, 230), 12);
    dl->AddCircle(p, r, IM_COL32(30, 30, 30, 220), 12, 1.0f);
  }
  // Names of the areas at their centroids.
  if (prefs.show_labels) {
    // Largest areas first; a name that would overlap one already drawn is left out.
    std::vector<int> order;
    for (int a = 0; a < s.a.areas; ++a) order.push_back(a);
    std::stable_sort(order.begin(), order.end(), [&](int x, int y) {
      return s.a.area_elders[static_cast<std::size_t>(x)] > s.a.area_elders[static_cast<std::size_t>(y)];
    });
    std::vector<ImVec4> placed;
    for (int a : order) {
      const auto ai = static_cast<std::size_t>(a);
      if (!std::isfinite(s.a.area_lat[ai])) continue;
      const std::string& name = s.a.area_label(a, v.cjk);
      const ImVec2 p = pr.to_screen(s.a.area_lon[ai], s.a.area_lat[ai]);
      const ImVec2 ts = text_size(name);
      const ImVec4 box(p.x - ts.x * 0.5f - 2, p.y - ts.y * 0.5f - 1, p.x + ts.x * 0.5f + 2,
                       p.y + ts.y * 0.5f + 1);
      bool clash = false;
      for (const auto& q : placed) clash |= box.x < q.z && q.x < box.z && box.y < q.w && q.y < box.w;
      if (clash) continue;
      placed.push_back(box);
      text_halo(dl, ImVec2(box.x + 2, box.y + 1), IM_COL32(20, 20, 20, 255), name);
    }
  }
  if (v.selection.kind == ScopeKind::kStation) {
    const int st = v.selection.index;
    const ImVec2 p = pr.to_screen(s.a.station_lon[static_cast<std::size_t>(st)],
                                  s.a.station_lat[static_cast<std::size_t>(st)]);
    dl->AddCircleFilled(p, r + 3, IM_COL32(20, 20, 20, 255), 16);
    dl->AddCircleFilled(p, r, IM_COL32(255, 255, 255, 255), 16);
    const std::string& name = s.a.station_label(st, v.cjk);
    text_halo(dl, ImVec2(p.x + r + 6, p.y - ImGui::GetTextLineHeight() * 0.5f), IM_COL32(0, 0, 0, 255), name);
  }

  // Hover and click.
  int hover_station = -1, hover_area = -1;
  if (hovered && !dragged) {
    hover_station = station_near(s, pr, io.MousePos, r + 5);
    int y = 0, x = 0;
    if (g.cell_of(pr.to_geo(io.MousePos), y, x)) {
      if (hover_station < 0) hover_station = g.station_at(y, x);
      hover_area = g.area_at(y, x);
    }
    if (hover_station >= 0 || hover_area >= 0) tooltip(app, col, hover_station, hover_area);
  }
  if (ImGui::IsItemDeactivated() && !dragged) {
    if (v.select_areas) {
      const int a =
          hover_area >= 0
              ? hover_area
              : (hover_station >= 0 ? s.a.station_area[static_cast<std::size_t>(hover_station)] : -1);
      v.selection = a >= 0 ? Scope{ScopeKind::kArea, a} : Scope{};
    } else if (hover_station >= 0) {
      v.selection = {ScopeKind::kStation, hover_station};
    } else if (hover_area >= 0) {
      v.selection = {ScopeKind::kArea, hover_area};
    } else {
      v.selection = {};
    }
  }

  draw_scale_bar(dl, pr, c1);
  // Day (or period) in the corner of the map, so a screenshot says what it shows.
  {
    std::string when = v.whole_run ? period_title(s, v, static_cast<int>(app.table().period.size()))
                                   : step_title(s, v.step);
    const std::string stat = stat_label(s.a, v.stat);
    text_halo(dl, ImVec2(c0.x + 8, c0.y + 6), ink::kText, when);
    if (!stat.empty())
      text_halo(dl, ImVec2(c0.x + 8, c0.y + 6 + ImGui::GetTextLineHeight()), IM_COL32(90, 30, 120, 255), stat);
  }
  if (g.empty()) {
    const char* msg = tr("No catchment raster in this file: stations only");
    dl->AddText(ImVec2(c0.x + 10, c0.y + 10 + ImGui::GetTextLineHeight()), ink::kMuted, msg);
  }
  dl->PopClipRect();
  ImGui::Dummy(ImVec2(avail.x, legend_h));
  draw_legend(app, dl, col, ImVec2(c0.x, c1.y), ImVec2(c1.x, c1.y + legend_h));
  ImGui::End();
}

}  // namespace swsim::viz
