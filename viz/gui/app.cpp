#include "gui/app.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gui/widgets.hpp"
#include "gui/windows.hpp"
#include "model/ticks.hpp"
#include "reader/time_axis.hpp"

namespace swsim::viz {
namespace {

constexpr ImGuiWindowFlags kTileFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                        ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                        ImGuiWindowFlags_NoBringToFrontOnFocus;

const float kSpeeds[] = {0.5f, 1, 2, 4, 8, 16};

// The step whose day in A has the given date or index text; -1 when none.
int find_step(const Session& s, const std::string& text) {
  if (auto date = results::parse_iso_date(text)) {
    const long n = results::days_from_civil(*date);
    for (int k = 0; k < s.al.steps(); ++k)
      if (s.a.day_number[static_cast<std::size_t>(s.al.day_a[static_cast<std::size_t>(k)])] == n) return k;
    return -1;
  }
  char* end = nullptr;
  const long d = std::strtol(text.c_str(), &end, 10);
  if (end == text.c_str() || *end != '\0') return -1;
  for (int k = 0; k < s.al.steps(); ++k)
    if (s.al.day_a[static_cast<std::size_t>(k)] == d) return k;
  return -1;
}

}  // namespace

void App::set_loading(double progress, const std::string& stage) {
  load_progress_ = progress;
  load_stage_ = stage;
}

void App::set_error(const std::string& message) {
  error_ = message;
}

std::string App::set_session(std::unique_ptr<Session> session, const StartChoices& start) {
  session_ = std::move(session);
  table_.reset();
  error_.clear();
  const Session& s = *session_;
  const bool cjk = view_.cjk;
  view_ = ViewState{};
  view_.cjk = cjk;
  view_.map_show = s.comparing() ? MapShow::kDiff : MapShow::kA;
  std::string problem;
  int m = s.a.metric_index(start.metric.empty() ? "meals_missed" : start.metric);
  if (m < 0 && !start.metric.empty()) {
    problem = "--metric: no metric '" + start.metric + "' in " + s.a.path +
              " (try meals_missed, heat_illness, share_on_time)";
  }
  view_.metric = std::max(m, 0);
  if (start.day == "all") {
    view_.whole_run = true;
  } else if (!start.day.empty()) {
    const int k = find_step(s, start.day);
    if (k < 0 && problem.empty())
      problem = "--day: no day '" + start.day + "' in the run (" + s.a.date_text(s.al.day_a.front()) +
                " to " + s.a.date_text(s.al.day_a.back()) + ", or indices " +
                std::to_string(s.al.day_a.front()) + " to " + std::to_string(s.al.day_a.back()) + ")";
    view_.step = std::max(k, 0);
  }
  if (start.station >= 0) {
    if (start.station < s.a.stations)
      view_.selection = {ScopeKind::kStation, start.station};
    else if (problem.empty())
      problem = "--station: no station " + std::to_string(start.station) + " (the file has " +
                std::to_string(s.a.stations) + ")";
  } else if (start.area >= 0) {
    if (start.area < s.a.areas)
      view_.selection = {ScopeKind::kArea, start.area};
    else if (problem.empty())
      problem = "--area: no area " + std::to_string(start.area) + " (the file has " +
                std::to_string(s.a.areas) + ")";
  }
  if (start.view == "a") view_.map_show = MapShow::kA;
  if (start.view == "b") view_.map_show = MapShow::kB;
  return problem;
}

const MetricTable& App::table() {
  if (!table_ || table_->metric != view_.metric) table_ = make_metric_table(*session_, view_.metric);
  return *table_;
}

void App::advance_playback(float dt) {
  if (!view_.playing || !session_) return;
  view_.play_clock += dt * view_.days_per_second;
  while (view_.play_clock >= 1.0) {
    view_.play_clock -= 1.0;
    view_.step = (view_.step + 1) % session_->al.steps();
  }
}

void App::handle_keys() {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || !session_) return;
  const int last = session_->al.steps() - 1;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) {
    view_.playing = !view_.playing;
    view_.whole_run = false;
  }
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow)))
    view_.step = std::max(0, view_.step - 1), view_.whole_run = false;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow)))
    view_.step = std::min(last, view_.step + 1), view_.whole_run = false;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home))) view_.step = 0;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_End))) view_.step = last;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) view_.selection = {};
  // Letter keys: the GLFW backend indexes KeysDown by GLFW key codes, which are ASCII for letters.
  if (ImGui::IsKeyPressed('F', false)) view_.camera.fitted = false;
}

void App::status_window(float w, float h) {
  const float bw = std::min(w * 0.8f, 720.0f);
  ImGui::SetNextWindowPos(ImVec2(w * 0.5f, h * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(bw, 0), ImGuiCond_Always);
  ImGui::Begin("swsim-viz", nullptr,
               kTileFlags | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::TextUnformatted("swsim-viz");
  ImGui::Separator();
  if (!error_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(180, 20, 20, 255));
    ImGui::TextUnformatted("Cannot show the result files:");
    ImGui::PopStyleColor();
    ImGui::PushTextWrapPos(bw - 16);
    ImGui::TextUnformatted(error_.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    ImGui::TextDisabled("Close the window and start swsim-viz with a result file written by 'swsim run'.");
  } else {
    ImGui::Text("Loading ... %s", load_stage_.c_str());
    char pct[32];
    std::snprintf(pct, sizeof pct, "%.0f %%", load_progress_ * 100.0);
    ImGui::ProgressBar(static_cast<float>(load_progress_), ImVec2(-1, 0), pct);
  }
  ImGui::End();
}

void App::toolbar(float x, float y, float w, float h) {
  Session& s = *session_;
  ImGui::SetNextWindowPos(ImVec2(x, y));
  ImGui::SetNextWindowSize(ImVec2(w, h));
  ImGui::Begin("##toolbar", nullptr, kTileFlags | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
  const ImGuiStyle& st = ImGui::GetStyle();

  // Row 1: metric, files.
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Metric");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::min(360.0f, w * 0.3f));
  const Metric& cur = s.a.metrics[static_cast<std::size_t>(view_.metric)];
  if (ImGui::BeginCombo("##metric", cur.label.c_str(), ImGuiComboFlags_HeightLarge)) {
    for (int i = 0; i < static_cast<int>(s.a.metrics.size()); ++i) {
      const Metric& m = s.a.metrics[static_cast<std::size_t>(i)];
      if (i > 0 && m.derived && !s.a.metrics[static_cast<std::size_t>(i - 1)].derived) ImGui::Separator();
      const std::string item = m.label + "  [" + m.units + "]";
      if (ImGui::Selectable(item.c_str(), i == view_.metric)) view_.metric = i;
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\n%s", m.name.c_str(), m.long_name.c_str());
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine(0, st.ItemSpacing.x * 3);
  ImGui::AlignTextToFramePadding();
  auto describe = [&](const Dataset& d) {
    return file_label(d.path) + (d.scenario_file.empty() ? "" : " (" + file_label(d.scenario_file) + ")");
  };
  auto details = [&](const Dataset& d) {
    return d.path + "\nscenario: " + d.scenario_file + "\n" + std::to_string(d.stations) + " stations, " +
           std::to_string(d.days) + " days from " + d.date_text(0) +
           (d.replicates > 1 ? ", " + std::to_string(d.replicates) + " replicates" : "");
  };
  ImGui::PushStyleColor(ImGuiCol_Text, ink::kSeriesA);
  ImGui::TextUnformatted(s.comparing() ? "A:" : "File:");
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ImGui::TextUnformatted(describe(s.a).c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", details(s.a).c_str());
  if (s.comparing()) {
    ImGui::SameLine(0, st.ItemSpacing.x * 3);
    ImGui::PushStyleColor(ImGuiCol_Text, ink::kSeriesB);
    ImGui::TextUnformatted("B:");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextUnformatted(describe(*s.b).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", details(*s.b).c_str());
    ImGui::SameLine(0, st.ItemSpacing.x * 3);
    ImGui::TextDisabled("%d stations and %d days matched", s.al.pairs(), s.al.steps());
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          "Stations matched by station_global_index, days by date.\nOnly in A: %d stations, %d days.\nOnly "
          "in B: %d stations, %d days.",
          s.al.only_in_a, s.al.days_only_in_a, s.al.only_in_b, s.al.days_only_in_b);
  } else {
    ImGui::SameLine(0, st.ItemSpacing.x * 3);
    ImGui::TextDisabled("%d stations, %d days from %s", s.a.stations, s.a.days, s.a.date_text(0).c_str());
  }

  // Row 2: playback and the timeline strip.
  const int last = s.al.steps() - 1;
  if (ImGui::Button("|<")) view_.step = 0, view_.whole_run = false;
  ImGui::SameLine();
  if (ImGui::Button("<")) view_.step = std::max(0, view_.step - 1), view_.whole_run = false;
  ImGui::SameLine();
  if (ImGui::Button(view_.playing ? "Pause" : "Play ",
                    ImVec2(ImGui::CalcTextSize("Pause").x + st.FramePadding.x * 2, 0))) {
    view_.playing = !view_.playing;
    view_.whole_run = false;
  }
  ImGui::SameLine();
  if (ImGui::Button(">")) view_.step = std::min(last, view_.step + 1), view_.whole_run = false;
  ImGui::SameLine();
  if (ImGui::Button(">|")) view_.step = last, view_.whole_run = false;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("16 days/s").x + st.FramePadding.x * 2 +
                          ImGui::GetFrameHeight());
  char speed[32];
  std::snprintf(speed, sizeof speed, "%g days/s", view_.days_per_second);
  if (ImGui::BeginCombo("##speed", speed)) {
    for (float v : kSpeeds) {
      std::snprintf(speed, sizeof speed, "%g days/s", v);
      if (ImGui::Selectable(speed, v == view_.days_per_second)) view_.days_per_second = v;
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::Checkbox("Whole run", &view_.whole_run);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Map and inspector show totals over all days");
  ImGui::SameLine();

  // Day read-out at the right end, the strip in between.
  const int day = s.al.day_a[static_cast<std::size_t>(view_.step)];
  std::string info = view_.whole_run ? "Whole run: " + s.a.date_text(s.al.day_a.front()) + " to " +
                                           s.a.date_text(s.al.day_a.back())
                                     : step_title(s, view_.step);
  if (!view_.whole_run) {
    const double t = s.a.tmax_c[static_cast<std::size_t>(day)];
    if (std::isfinite(t))
      info += " \xC2\xB7 Tmax " + format_tick(t, 0.1) +
              " \xC2\xB0"
              "C";
  }
  std::string tag;
  if (!view_.whole_run) {
    const bool wave = s.a.heat_wave[static_cast<std::size_t>(day)] != 0;
    const int level = s.a.heat_warning[static_cast<std::size_t>(day)];
    if (wave || level > 0)
      tag = std::string(" [") + (wave ? "heat wave" : "") + (wave && level ? ", " : "") +
            (level ? std::string(warning_name(level)) + " warning" : "") + "]";
  }
  const float info_w = std::max(ImGui::CalcTextSize((info + tag).c_str()).x,
                                ImGui::CalcTextSize("Day 00 \xC2\xB7 2022-06-16 \xC2\xB7 Tmax 38.2 \xC2\xB0"
                                                    "C")
                                    .x);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float strip_w = std::max(100.0f, ImGui::GetContentRegionAvail().x - info_w - st.ItemSpacing.x);
  const float strip_h = ImGui::GetFrameHeight();
  ImGui::InvisibleButton("##timeline", ImVec2(strip_w, strip_h));
  const bool hovered = ImGui::IsItemHovered();
  const int n = s.al.steps();
  const float cell = strip_w / static_cast<float>(n);
  auto step_at = [&](float mx) { return std::clamp(static_cast<int>((mx - p0.x) / cell), 0, last); };
  if (ImGui::IsItemActive()) {
    view_.step = step_at(ImGui::GetIO().MousePos.x);
    view_.whole_run = false;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (int k = 0; k < n; ++k) {
    const int d = s.al.day_a[static_cast<std::size_t>(k)];
    const float x0 = p0.x + k * cell, x1 = p0.x + (k + 1) * cell;
    dl->AddRectFilled(ImVec2(x0, p0.y + 4), ImVec2(x1 - (cell > 4 ? 1 : 0), p0.y + strip_h),
                      warning_colour(s.a.heat_warning[static_cast<std::size_t>(d)]));
    if (s.a.heat_wave[static_cast<std::size_t>(d)])
      dl->AddRectFilled(ImVec2(x0, p0.y), ImVec2(x1, p0.y + 4), IM_COL32(160, 0, 20, 255));
  }
  if (view_.whole_run) {
    dl->AddRect(p0, ImVec2(p0.x + strip_w, p0.y + strip_h), ink::kText, 0, 0, 2);
  } else {
    const float x0 = p0.x + view_.step * cell;
    dl->AddRect(ImVec2(x0 - 1, p0.y - 1), ImVec2(x0 + std::max(cell, 3.0f) + 1, p0.y + strip_h + 1),
                ink::kText, 0, 0, 2.5f);
  }
  if (hovered) {
    const int k = step_at(ImGui::GetIO().MousePos.x);
    const int d = s.al.day_a[static_cast<std::size_t>(k)];
    const int w_level = s.a.heat_warning[static_cast<std::size_t>(d)];
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(step_title(s, k).c_str());
    ImGui::Text(
        "Tmax %s \xC2\xB0"
        "C",
        format_tick(s.a.tmax_c[static_cast<std::size_t>(d)], 0.1).c_str());
    if (s.a.heat_wave[static_cast<std::size_t>(d)]) ImGui::TextUnformatted("Heat wave");
    if (w_level > 0) ImGui::Text("Heat warning: %s", warning_name(w_level));
    ImGui::TextDisabled("Click or drag to choose the day");
    ImGui::EndTooltip();
  }
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(info.c_str());
  if (!tag.empty()) {
    ImGui::SameLine(0, 0);
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(190, 30, 20, 255));
    ImGui::TextUnformatted(tag.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::End();
}

void App::frame() {
  const ImGuiIO& io = ImGui::GetIO();
  const float w = io.DisplaySize.x, h = io.DisplaySize.y;
  if (!session_) {
    status_window(w, h);
    return;
  }
  handle_keys();
  advance_playback(io.DeltaTime);
  const ImGuiStyle& st = ImGui::GetStyle();
  const float bar_h = ImGui::GetFrameHeight() * 2 + st.ItemSpacing.y + st.WindowPadding.y * 2;
  toolbar(0, 0, w, bar_h);
  const float body = h - bar_h;
  const float map_w = std::floor(w * 0.5f);
  const float chart_h = std::floor(body * 0.48f);
  map_window(*this, ImVec2(0, bar_h), ImVec2(map_w, body));
  chart_window(*this, ImVec2(map_w, bar_h), ImVec2(w - map_w, chart_h));
  inspector_window(*this, ImVec2(map_w, bar_h + chart_h), ImVec2(w - map_w, body - chart_h));
}

}  // namespace swsim::viz

namespace swsim::viz {

std::vector<std::string> glyph_texts(const Session& s) {
  std::vector<std::string> out;
  for (int side = 0; side < (s.comparing() ? 2 : 1); ++side) {
    const Dataset& d = s.side(side);
    out.insert(out.end(), d.station_name.begin(), d.station_name.end());
    out.insert(out.end(), d.area_name.begin(), d.area_name.end());
  }
  if (s.boundaries)
    for (const auto& f : s.boundaries->features) out.push_back(f.name);
  return out;
}

}  // namespace swsim::viz
