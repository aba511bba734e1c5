#include "gui/app.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>

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
constexpr int kGlfwKeyF1 = 290, kGlfwKeyF5 = 294;  // the GLFW backend indexes KeysDown by GLFW codes

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

bool key_pressed(int key) {
  return key >= 0 && key < 512 && ImGui::IsKeyPressed(key, false);
}

}  // namespace

void App::set_loading(double progress, const std::string& stage) {
  load_progress_ = progress;
  load_stage_ = stage;
}

void App::set_error(const std::string& message) {
  error_ = message;
}

void App::set_lang(Lang l) {
  if (l != prefs_.lang) fonts_dirty_ = true;
  prefs_.lang = l;
  swsim::viz::set_lang(l);
}

void App::start_whatif(const std::string& override_kv) {
  if (!session_) return;
  if (!whatif_) whatif_ = std::make_unique<WhatIfRun>();
  const Dataset& a = session_->a;
  const std::string problem = whatif_->start(swsim_path_, a.scenario_file.empty() ? "scenario.ini" : a.scenario_file,
                                             a.scenario_text, override_kv);
  set_status(problem.empty() ? trf("Running what-if: %s", override_kv.c_str()) : problem);
}

std::optional<LoadRequest> App::take_load_request() {
  auto r = std::move(load_request_);
  load_request_.reset();
  return r;
}

std::optional<ExportRequest> App::take_export_request() {
  auto r = std::move(export_request_);
  export_request_.reset();
  return r;
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
  view_.panels = start.panels;
  if (!s.sweep) view_.panels.sweep = false;
  std::string problem;
  auto report = [&](const std::string& p) {
    if (problem.empty()) problem = p;
  };
  int m = s.a.metric_index(start.metric.empty() ? "meals_missed" : start.metric);
  if (m < 0 && !start.metric.empty())
    report("--metric: no metric '" + start.metric + "' in " + s.a.path +
           " (try meals_missed, heat_illness, on_time_rate)");
  view_.metric = std::max(m, 0);
  if (start.day == "all") {
    view_.whole_run = true;
  } else if (!start.day.empty()) {
    const int k = find_step(s, start.day);
    if (k < 0)
      report("--day: no day '" + start.day + "' in the run (" + s.a.date_text(s.al.day_a.front()) + " to " +
             s.a.date_text(s.al.day_a.back()) + ", or indices " + std::to_string(s.al.day_a.front()) + " to " +
             std::to_string(s.al.day_a.back()) + ")");
    view_.step = std::max(k, 0);
  }
  if (!start.period.empty()) {
    view_.whole_run = true;
    if (start.period == "all") {
      view_.period.kind = PeriodKind::kAll;
    } else if (start.period == "heat-wave") {
      view_.period.kind = PeriodKind::kHeatWave;
    } else if (start.period == "warning") {
      view_.period.kind = PeriodKind::kWarning;
    } else {
      const auto colon = start.period.find(':');
      const int k0 = colon == std::string::npos ? -1 : find_step(s, start.period.substr(0, colon));
      const int k1 = colon == std::string::npos ? -1 : find_step(s, start.period.substr(colon + 1));
      if (k0 < 0 || k1 < k0)
        report("--period: expected all, heat-wave, warning or FROM:TO (days of the run, e.g. 2022-06-10:2022-06-20), got '" +
               start.period + "'");
      else
        view_.period = {PeriodKind::kRange, k0, k1};
    }
  }
  if (start.station >= 0) {
    if (start.station < s.a.stations)
      view_.selection = {ScopeKind::kStation, start.station};
    else
      report("--station: no station " + std::to_string(start.station) + " (the file has " +
             std::to_string(s.a.stations) + ")");
  } else if (start.area >= 0) {
    if (start.area < s.a.areas)
      view_.selection = {ScopeKind::kArea, start.area};
    else
      report("--area: no area " + std::to_string(start.area) + " (the file has " + std::to_string(s.a.areas) +
             ")");
  }
  if (start.view == "a") view_.map_show = MapShow::kA;
  if (start.view == "b") view_.map_show = MapShow::kB;
  if (start.stat == "median") view_.stat.stat = Stat::kMedian;
  if (start.stat == "q05") view_.stat.stat = Stat::kQ05;
  if (start.stat == "q95") view_.stat.stat = Stat::kQ95;
  if (start.replicate >= 0) {
    if (start.replicate >= s.a.replicates)
      report("--replicate: the file has " + std::to_string(s.a.replicates) + " replicate(s) (0 to " +
             std::to_string(s.a.replicates - 1) + "), not " + std::to_string(start.replicate));
    view_.stat = {Stat::kReplicate, std::min(start.replicate, s.a.replicates - 1)};
  }
  if (start.chart == "diff") {
    if (!s.comparing()) report("--chart diff needs two result files");
    view_.chart_mode = ChartMode::kDiff;
  }
  if (start.per_elders) {
    if (!s.a.has_elders()) report("--per-elders: " + s.a.path + " has no station_elders");
    view_.per_elders = true;
  }
  if (start.per_registered) {
    if (!s.a.has_norm(Norm::kRegistered)) report("--per-registered: " + s.a.path + " has no station_caseload");
    view_.per_elders = view_.per_registered = true;
  }
  if (!start.limits.empty()) {
    double lo = 0, hi = 0;
    char tail = 0;
    if (std::sscanf(start.limits.c_str(), "%lf:%lf%c", &lo, &hi, &tail) != 2 || !(hi > lo))
      report("--limits: expected LO:HI with LO < HI, e.g. 0:50, got '" + start.limits + "'");
    else
      view_.lock_limits = true, view_.locked_lo = lo, view_.locked_hi = hi;
  }
  view_.ranking.search = start.search;
  if (start.distribution == "replicates") view_.distribution = DistributionOver::kReplicates;
  view_.zoom = start.zoom;
  view_.centre = start.centre;
  return problem;
}

void App::replace_session(std::unique_ptr<Session> session) {
  const ViewState keep = view_;
  const bool was_comparing = session_ && session_->comparing();
  const std::string metric = session_ ? session_->a.metrics[static_cast<std::size_t>(view_.metric)].name : "";
  session_ = std::move(session);
  table_.reset();
  error_.clear();
  const Session& s = *session_;
  view_ = keep;
  view_.metric = std::max(s.a.metric_index(metric), 0);
  view_.step = std::clamp(view_.step, 0, s.al.steps() - 1);
  view_.period.first = std::clamp(view_.period.first, 0, s.al.steps() - 1);
  view_.period.last = std::clamp(view_.period.last, view_.period.first, s.al.steps() - 1);
  if (view_.selection.kind == ScopeKind::kStation && view_.selection.index >= s.a.stations) view_.selection = {};
  if (view_.selection.kind == ScopeKind::kArea && view_.selection.index >= s.a.areas) view_.selection = {};
  if (!s.comparing()) view_.map_show = MapShow::kA, view_.chart_mode = ChartMode::kSeries;
  else if (!was_comparing) view_.map_show = MapShow::kDiff;  // a B just arrived: show the difference
  if (view_.stat.stat == Stat::kReplicate) view_.stat.replicate = std::min(view_.stat.replicate, s.a.replicates - 1);
  if (s.a.replicates <= 1) view_.stat = {};
  if (!s.sweep) view_.panels.sweep = false;
}

const MetricTable& App::table() {
  TableSpec spec;
  spec.metric = view_.metric;
  spec.stat = view_.stat;
  spec.norm = view_.norm();
  spec.period = view_.period;
  if (!table_ || !(table_->spec == spec)) table_ = make_metric_table(*session_, spec);
  return *table_;
}

std::pair<double, double> App::colour_limits(bool diff) {
  const MetricTable& t = table();
  if (view_.lock_limits) {
    if (diff) {
      const double a = std::max(std::fabs(view_.locked_lo), std::fabs(view_.locked_hi));
      return {-a, a};
    }
    return {view_.locked_lo, view_.locked_hi};
  }
  if (diff) {
    const double a = view_.whole_run ? t.total_absdiff : t.day_absdiff;
    return {-a, a};
  }
  return view_.whole_run ? std::pair{t.total_lo, t.total_hi} : std::pair{t.day_lo, t.day_hi};
}

std::string App::export_path(const std::string& what, const std::string& ext) const {
  char stamp[32];
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
  std::string metric = session_ ? session_->a.metrics[static_cast<std::size_t>(view_.metric)].name : "view";
  return "swsim-viz-" + what + "-" + metric + "-" + stamp + "." + ext;
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
  if (key_pressed(kGlfwKeyF1)) view_.panels.help = !view_.panels.help;
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
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    if (view_.panels.help)
      view_.panels.help = false;
    else
      view_.selection = {};
  }
  if (io.KeyCtrl) {
    if (key_pressed('O')) view_.panels.open = true;
    if (key_pressed('R') && request_) request_load(*request_);
    return;
  }
  // Letter keys: the GLFW backend indexes KeysDown by GLFW key codes, which are ASCII for letters.
  if (key_pressed('F')) view_.camera.fitted = false;
  if (key_pressed('H')) view_.panels.help = !view_.panels.help;
  if (key_pressed('R')) view_.panels.ranking = !view_.panels.ranking;
  if (key_pressed('D')) view_.panels.distribution = !view_.panels.distribution;
  if (key_pressed('M') && !session_->a.meal_point_lat.empty()) prefs_.show_meal_points = !prefs_.show_meal_points;
  if (key_pressed('S') && session_->sweep) view_.panels.sweep = !view_.panels.sweep;
  if (key_pressed('I')) view_.panels.whatif = !view_.panels.whatif;
  if (key_pressed('W')) view_.whole_run = !view_.whole_run;
  if (key_pressed('L')) {
    const auto lim = colour_limits(view_.map_show == MapShow::kDiff && session_->comparing());
    view_.locked_lo = lim.first, view_.locked_hi = lim.second;
    view_.lock_limits = !view_.lock_limits;
  }
  if (key_pressed('E') && session_->a.has_elders()) view_.per_elders = !view_.per_elders;
  if (key_pressed(kGlfwKeyF5) && request_) request_load(*request_);
  for (ImWchar c : io.InputQueueCharacters)
    if (c == '?') view_.panels.help = !view_.panels.help;
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
    ImGui::TextUnformatted(tr("Cannot show the result files:"));
    ImGui::PopStyleColor();
    ImGui::PushTextWrapPos(bw - 16);
    ImGui::TextUnformatted(error_.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    ImGui::TextDisabled("%s", tr("Open another file (File > Open, Ctrl+O) or drop one on the window."));
    if (ImGui::Button(tr("Open..."))) view_.panels.open = true;
  } else {
    ImGui::Text("%s %s", tr("Loading ..."), load_stage_.c_str());
    char pct[32];
    std::snprintf(pct, sizeof pct, "%.0f %%", load_progress_ * 100.0);
    ImGui::ProgressBar(static_cast<float>(load_progress_), ImVec2(-1, 0), pct);
  }
  ImGui::End();
}

void App::menu_bar() {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu(tr("File"))) {
    if (ImGui::MenuItem(tr("Open..."), "Ctrl+O")) view_.panels.open = true;
    if (ImGui::MenuItem(tr("Reload"), "F5", false, request_.has_value())) request_load(*request_);
    ImGui::Separator();
    const bool ok = session_ != nullptr;
    if (ImGui::MenuItem(tr("Export map as PNG"), nullptr, false, ok))
      if (ImGuiWindow* w = ImGui::FindWindowByName("###Map"))
        request_export({w->Pos.x, w->Pos.y, w->Size.x, w->Size.y, export_path("map", "png")});
    if (ImGui::MenuItem(tr("Export charts as PNG"), nullptr, false, ok))
      if (ImGuiWindow* w = ImGui::FindWindowByName("###Charts"))
        request_export({w->Pos.x, w->Pos.y, w->Size.x, w->Size.y, export_path("chart", "png")});
    if (ImGui::MenuItem(tr("Export the whole window as PNG"), nullptr, false, ok)) {
      const ImVec2 d = ImGui::GetIO().DisplaySize;
      request_export({0, 0, d.x, d.y, export_path("window", "png")});
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(tr("View"))) {
    ImGui::MenuItem(tr("Ranking table"), "R", &view_.panels.ranking);
    ImGui::MenuItem(tr("Distribution"), "D", &view_.panels.distribution);
    ImGui::MenuItem(tr("Sweep browser"), "S", &view_.panels.sweep, session_ && session_->sweep);
    ImGui::MenuItem(tr("What if..."), "I", &view_.panels.whatif, session_ != nullptr);
    ImGui::Separator();
    ImGui::MenuItem(tr("Catchment outlines"), nullptr, &prefs_.show_catchment_edges);
    ImGui::MenuItem(tr("Station markers"), nullptr, &prefs_.show_stations);
    ImGui::MenuItem(tr("Meal points"), "M", &prefs_.show_meal_points, session_ && !session_->a.meal_point_lat.empty());
    ImGui::MenuItem(tr("Area names"), nullptr, &prefs_.show_labels);
    ImGui::MenuItem(tr("Tmax in the charts"), nullptr, &prefs_.show_tmax);
    ImGui::Separator();
    if (ImGui::MenuItem(tr("Palette: viridis"), nullptr, prefs_.palette == Palette::kViridis))
      prefs_.palette = Palette::kViridis;
    if (ImGui::MenuItem(tr("Palette: cividis"), nullptr, prefs_.palette == Palette::kCividis))
      prefs_.palette = Palette::kCividis;
    ImGui::Separator();
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("00000000").x);
    ImGui::SliderFloat(tr("Map width"), &prefs_.map_fraction, 0.3f, 0.7f, "%.2f");
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("00000000").x);
    ImGui::SliderFloat(tr("Chart height"), &prefs_.chart_fraction, 0.25f, 0.75f, "%.2f");
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(tr("Language / \xE8\xAF\xAD\xE8\xA8\x80"))) {
    if (ImGui::MenuItem("English", nullptr, prefs_.lang == Lang::kEn)) set_lang(Lang::kEn);
    if (ImGui::MenuItem("\xE4\xB8\xAD\xE6\x96\x87", nullptr, prefs_.lang == Lang::kZh)) set_lang(Lang::kZh);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(tr("Help"))) {
    ImGui::MenuItem(tr("Keys and legend"), "H / F1", &view_.panels.help);
    ImGui::EndMenu();
  }
  if (!status_.empty()) {
    ImGui::SameLine(0, 30);
    ImGui::TextDisabled("%s", status_.c_str());
  }
  ImGui::EndMainMenuBar();
}

void App::toolbar(float x, float y, float w, float h) {
  Session& s = *session_;
  ImGui::SetNextWindowPos(ImVec2(x, y));
  ImGui::SetNextWindowSize(ImVec2(w, h));
  ImGui::Begin("##toolbar", nullptr, kTileFlags | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
  const ImGuiStyle& st = ImGui::GetStyle();

  // Row 1: metric, statistic over replicates, normalisation, files.
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("Metric"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::min(300.0f, w * 0.22f));
  const Metric& cur = s.a.metrics[static_cast<std::size_t>(view_.metric)];
  if (ImGui::BeginCombo("##metric", metric_label(cur).c_str(), ImGuiComboFlags_HeightLarge)) {
    for (int i = 0; i < static_cast<int>(s.a.metrics.size()); ++i) {
      const Metric& m = s.a.metrics[static_cast<std::size_t>(i)];
      if (i > 0 && m.derived && !s.a.metrics[static_cast<std::size_t>(i - 1)].derived) ImGui::Separator();
      const std::string item = metric_label(m) + "  [" + (m.units == "count" ? tr("count") : m.units) + "]##" + m.name;
      if (ImGui::Selectable(item.c_str(), i == view_.metric)) view_.metric = i;
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s\n%s\n%s", m.name.c_str(), m.long_name.c_str(),
                          m.direction == Direction::kHigherIsBetter  ? tr("higher is better")
                          : m.direction == Direction::kHigherIsWorse ? tr("higher is worse")
                                                                     : tr("neither better nor worse"));
    }
    ImGui::EndCombo();
  }
  if (s.a.replicates > 1) {
    ImGui::SameLine();
    const std::string now = stat_label(s.a, view_.stat);
    ImGui::SetNextItemWidth(std::min(260.0f, ImGui::CalcTextSize(now.c_str()).x + ImGui::GetFrameHeight() + 16));
    if (ImGui::BeginCombo("##stat", now.c_str())) {
      const Stat stats[] = {Stat::kMean, Stat::kMedian, Stat::kQ05, Stat::kQ95};
      for (Stat k : stats)
        if (ImGui::Selectable(stat_label(s.a, {k, 0}).c_str(), view_.stat.stat == k)) view_.stat = {k, 0};
      ImGui::Separator();
      for (int r = 0; r < s.a.replicates; ++r)
        if (ImGui::Selectable(stat_label(s.a, {Stat::kReplicate, r}).c_str(),
                              view_.stat.stat == Stat::kReplicate && view_.stat.replicate == r))
          view_.stat = {Stat::kReplicate, r};
      ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s", tr("What the map, ranking and inspector show of the replicates.\nCharts draw "
                                 "this statistic with the 5-95 % band of the replicates."));
  }
  if (s.a.has_elders()) {
    ImGui::SameLine();
    ImGui::BeginDisabled(!cur.per_elders_ok());
    ImGui::Checkbox(tr("per 1,000"), &view_.per_elders);
    ImGui::SameLine(0, 4);
    const char* bases[] = {tr("elders 60+"), tr("registered elders")};
    int base = view_.per_registered ? 1 : 0;
    float bw = 0;
    for (const char* b : bases) bw = std::max(bw, ImGui::CalcTextSize(b).x);
    ImGui::SetNextItemWidth(bw + ImGui::GetFrameHeight() + st.FramePadding.x * 2);
    ImGui::BeginDisabled(!view_.per_elders || !s.a.has_norm(Norm::kRegistered));
    if (ImGui::Combo("##norm", &base, bases, 2)) view_.per_registered = base == 1;
    ImGui::EndDisabled();
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("%s", tr("Counts divided by the elders (60+) of the catchment, or by the elders on the "
                                 "station's register, times 1,000 (E).\nShares and means are not normalised."));
  }
  ImGui::SameLine(0, st.ItemSpacing.x * 3);
  ImGui::AlignTextToFramePadding();
  auto details = [&](const Dataset& d) {
    std::string t = d.path + "\n" + tr("scenario") + ": " + d.run_label + "\n" +
                    trf("%d stations, %d days from %s", d.stations, d.days, d.date_text(0).c_str());
    if (d.replicates > 1) {
      t += '\n';
      t += trf("%d replicates", d.replicates);
    }
    return t;
  };
  const float files_w = ImGui::GetContentRegionAvail().x;
  auto file_entry = [&](const char* tag, ImU32 colour, const Dataset& d, float width) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextUnformatted(tag);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    const std::string label = fit_text_tail(run_label(d), std::max(60.0f, width - text_size(tag).x - 12));
    ImGui::TextUnformatted(label.c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", details(d).c_str());
  };
  std::string more_text;
  for (std::size_t r = 0; r < s.more.size(); ++r) more_text += (r ? ", " : "+ ") + std::string(1, static_cast<char>('C' + r));
  if (!more_text.empty()) more_text = " " + more_text;
  if (s.comparing()) {
    std::string matched = trf("%d stations, %d days matched", s.al.pairs(), s.al.steps());
    matched += more_text;
    const float each = (files_w - text_size(matched).x - st.ItemSpacing.x * 6) * 0.5f;
    file_entry("A:", ink::kSeriesA, s.a, each);
    ImGui::SameLine(0, st.ItemSpacing.x * 2);
    file_entry("B:", ink::kSeriesB, *s.b, each);
    ImGui::SameLine(0, st.ItemSpacing.x * 2);
    ImGui::TextDisabled("%s", matched.c_str());
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s", trf("Stations matched by station_global_index, days by date.\nOnly in A: %d "
                                  "stations, %d days.\nOnly in B: %d stations, %d days.",
                                  s.al.only_in_a, s.al.days_only_in_a, s.al.only_in_b, s.al.days_only_in_b)
                                  .c_str());
    if (!s.more.empty() && ImGui::IsItemHovered()) {
      std::string t;
      for (std::size_t r = 0; r < s.more.size(); ++r)
        t += std::string(1, static_cast<char>('C' + r)) + ": " + s.more[r].run_label + "  (" + s.more[r].path + ")\n";
      ImGui::SetTooltip("%s", t.c_str());
    }
  } else {
    std::string facts = trf("%d stations, %d days from %s", s.a.stations, s.a.days, s.a.date_text(0).c_str());
    facts += more_text;
    file_entry(tr("File:"), ink::kSeriesA, s.a, files_w - text_size(facts).x - st.ItemSpacing.x * 4);
    ImGui::SameLine(0, st.ItemSpacing.x * 2);
    ImGui::TextDisabled("%s", facts.c_str());
  }

  // Row 2: playback, the period and the timeline strip.
  const int last = s.al.steps() - 1;
  if (ImGui::Button("|<")) view_.step = 0, view_.whole_run = false;
  ImGui::SameLine();
  if (ImGui::Button("<")) view_.step = std::max(0, view_.step - 1), view_.whole_run = false;
  ImGui::SameLine();
  const char* play = view_.playing ? tr("Pause") : tr("Play");
  if (ImGui::Button((std::string(play) + "###play").c_str(),
                    ImVec2(std::max(ImGui::CalcTextSize(tr("Pause")).x, ImGui::CalcTextSize(tr("Play")).x) +
                               st.FramePadding.x * 2,
                           0))) {
    view_.playing = !view_.playing;
    view_.whole_run = false;
  }
  ImGui::SameLine();
  if (ImGui::Button(">")) view_.step = std::min(last, view_.step + 1), view_.whole_run = false;
  ImGui::SameLine();
  if (ImGui::Button(">|")) view_.step = last, view_.whole_run = false;
  ImGui::SameLine();
  const std::string speed_now = trf("%g days/s", static_cast<double>(view_.days_per_second));
  ImGui::SetNextItemWidth(ImGui::CalcTextSize(trf("%g days/s", 16.0).c_str()).x + st.FramePadding.x * 2 +
                          ImGui::GetFrameHeight());
  if (ImGui::BeginCombo("##speed", speed_now.c_str())) {
    for (float v : kSpeeds)
      if (ImGui::Selectable(trf("%g days/s", static_cast<double>(v)).c_str(), v == view_.days_per_second))
        view_.days_per_second = v;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  // Period: one day, or a total over the whole run, the heat-wave days, the warning days or a range.
  const char* period_names[] = {tr("One day"), tr("Whole run"), tr("Heat-wave days"), tr("Warning days"),
                                tr("Date range")};
  int pk = !view_.whole_run ? 0 : 1 + static_cast<int>(view_.period.kind);
  // PeriodKind order: kAll, kRange, kHeatWave, kWarning -> menu order 1, 4, 2, 3.
  const int to_menu[] = {1, 4, 2, 3};
  const PeriodKind from_menu[] = {PeriodKind::kAll, PeriodKind::kAll, PeriodKind::kHeatWave, PeriodKind::kWarning,
                                  PeriodKind::kRange};
  pk = !view_.whole_run ? 0 : to_menu[static_cast<int>(view_.period.kind)];
  float pw = 0;
  for (const char* n : period_names) pw = std::max(pw, ImGui::CalcTextSize(n).x);
  ImGui::SetNextItemWidth(pw + ImGui::GetFrameHeight() + st.FramePadding.x * 2);
  if (ImGui::Combo("##period", &pk, period_names, 5)) {
    view_.whole_run = pk != 0;
    if (pk != 0) {
      const PeriodKind k = from_menu[pk];
      if (k == PeriodKind::kRange && view_.period.kind != PeriodKind::kRange)
        view_.period = {PeriodKind::kRange, view_.step, std::min(last, view_.step + 6)};
      view_.period.kind = k;
    }
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", tr("What the map, ranking and inspector sum over (W toggles one day / period).\n"
                               "Shift-drag on the timeline to choose a date range."));
  ImGui::SameLine();

  // Day read-out at the right end, the strip in between.
  const int day = s.al.day_a[static_cast<std::size_t>(view_.step)];
  const int period_days = static_cast<int>(period_steps(s, view_.period).size());
  std::string info = view_.whole_run ? period_title(s, view_, period_days) : step_title(s, view_.step);
  if (!view_.whole_run) {
    const double t = s.a.tmax_c[static_cast<std::size_t>(day)];
    if (std::isfinite(t))
      info += " \xC2\xB7 Tmax " + format_tick(t, 0.1) +
              " \xC2\xB0"
              "C";
  }
  std::string tag;
  if (!view_.whole_run) {
    std::vector<std::string> marks;
    const auto di = static_cast<std::size_t>(day);
    if (s.a.heat_wave[di]) marks.push_back(tr("heat wave"));
    if (s.a.heat_warning[di] > 0) marks.push_back(trf("%s warning", warning_name(s.a.heat_warning[di])));
    if (s.a.sauna_day[di]) marks.push_back(tr("sauna day"));
    if (s.a.hot_night[di]) marks.push_back(tr("hot night"));
    for (std::size_t i = 0; i < marks.size(); ++i) tag += (i ? ", " : " [") + marks[i];
    if (!tag.empty()) tag += "]";
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
  static int range_anchor = -1;
  if (ImGui::IsItemActivated()) range_anchor = ImGui::GetIO().KeyShift ? step_at(ImGui::GetIO().MousePos.x) : -1;
  if (ImGui::IsItemActive()) {
    const int k = step_at(ImGui::GetIO().MousePos.x);
    if (range_anchor >= 0) {
      view_.whole_run = true;
      view_.period = {PeriodKind::kRange, std::min(range_anchor, k), std::max(range_anchor, k)};
    } else {
      view_.step = k;
      view_.whole_run = false;
    }
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float mark_h = std::max(3.0f, strip_h * 0.18f);
  for (int k = 0; k < n; ++k) {
    const auto d = static_cast<std::size_t>(s.al.day_a[static_cast<std::size_t>(k)]);
    const float x0 = p0.x + k * cell, x1 = p0.x + (k + 1) * cell;
    dl->AddRectFilled(ImVec2(x0, p0.y + mark_h), ImVec2(x1 - (cell > 4 ? 1 : 0), p0.y + strip_h - mark_h),
                      warning_colour(s.a.heat_warning[d]));
    if (s.a.heat_wave[d]) dl->AddRectFilled(ImVec2(x0, p0.y), ImVec2(x1, p0.y + mark_h), IM_COL32(160, 0, 20, 255));
    if (s.a.sauna_day[d])
      dl->AddRectFilled(ImVec2(x0, p0.y + strip_h - mark_h), ImVec2(x1 - (cell > 4 ? 1 : 0), p0.y + strip_h),
                        ink::kSauna);
    if (s.a.hot_night[d]) {
      const float cx = 0.5f * (x0 + x1), cy = p0.y + strip_h * 0.5f, r = std::min(cell * 0.3f, strip_h * 0.18f);
      dl->AddCircleFilled(ImVec2(cx, cy), std::max(r, 1.5f), ink::kHotNight, 8);
    }
  }
  if (view_.whole_run) {
    if (view_.period.kind == PeriodKind::kAll) {
      dl->AddRect(p0, ImVec2(p0.x + strip_w, p0.y + strip_h), ink::kText, 0, 0, 2);
    } else {
      for (int k : period_steps(s, view_.period))
        dl->AddRect(ImVec2(p0.x + k * cell, p0.y - 1), ImVec2(p0.x + (k + 1) * cell, p0.y + strip_h + 1), ink::kText,
                    0, 0, 2);
    }
  } else {
    const float x0 = p0.x + view_.step * cell;
    dl->AddRect(ImVec2(x0 - 1, p0.y - 1), ImVec2(x0 + std::max(cell, 3.0f) + 1, p0.y + strip_h + 1), ink::kText, 0,
                0, 2.5f);
  }
  if (hovered) {
    const int k = step_at(ImGui::GetIO().MousePos.x);
    const auto d = static_cast<std::size_t>(s.al.day_a[static_cast<std::size_t>(k)]);
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(step_title(s, k).c_str());
    ImGui::Text("Tmax %s \xC2\xB0" "C, Tmin %s \xC2\xB0" "C", format_tick(s.a.tmax_c[d], 0.1).c_str(),
                format_tick(s.a.tmin_c[d], 0.1).c_str());
    if (s.a.heat_wave[d]) ImGui::TextUnformatted(tr("Heat wave (top bar)"));
    if (s.a.heat_warning[d] > 0) ImGui::Text("%s: %s", tr("Heat warning (cell colour)"), warning_name(s.a.heat_warning[d]));
    if (s.a.sauna_day[d]) ImGui::TextUnformatted(tr("Sauna day: hot and humid (bottom bar)"));
    if (s.a.hot_night[d])
      ImGui::TextUnformatted(trf("Hot night: Tmin >= %g \xC2\xB0" "C (dot)", s.a.hot_night_tmin_c).c_str());
    ImGui::TextDisabled("%s", tr("Click or drag to choose the day; shift-drag for a date range"));
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
  if (swsim::viz::lang() != prefs_.lang) swsim::viz::set_lang(prefs_.lang);
  menu_bar();
  const float menu_h = ImGui::GetFrameHeight();
  handle_keys();
  if (!session_) {
    status_window(w, h);
    if (view_.panels.open) open_window(*this);
    if (view_.panels.help) help_window(*this);
    return;
  }
  advance_playback(io.DeltaTime);
  // A what-if run that finished opens as B against the file it changed.
  if (whatif_ && whatif_->state() == WhatIfRun::State::kRunning) {
    const auto state = whatif_->poll();
    if (state == WhatIfRun::State::kDone) {
      request_load({session_->a.path, whatif_->output(), request_ ? request_->boundaries : ""});
      set_status(trf("What-if done: %s", whatif_->override_kv().c_str()));
    } else if (state == WhatIfRun::State::kFailed) {
      set_status(whatif_->error());
    }
  }
  const ImGuiStyle& st = ImGui::GetStyle();
  const float bar_h = ImGui::GetFrameHeight() * 2 + st.ItemSpacing.y + st.WindowPadding.y * 2;
  toolbar(0, menu_h, w, bar_h);
  const float top = menu_h + bar_h;
  const float body = h - top;
  const float map_w = std::floor(w * std::clamp(prefs_.map_fraction, 0.2f, 0.8f));
  const float chart_h = std::floor(body * std::clamp(prefs_.chart_fraction, 0.2f, 0.8f));
  map_window(*this, ImVec2(0, top), ImVec2(map_w, body));
  chart_window(*this, ImVec2(map_w, top), ImVec2(w - map_w, chart_h));
  inspector_window(*this, ImVec2(map_w, top + chart_h), ImVec2(w - map_w, body - chart_h));
  if (view_.panels.ranking) ranking_window(*this);
  if (view_.panels.distribution) distribution_window(*this);
  if (view_.panels.sweep) sweep_window(*this);
  if (view_.panels.open) open_window(*this);
  if (view_.panels.whatif) whatif_window(*this);
  if (view_.panels.help) help_window(*this);
}

std::vector<std::string> glyph_texts(const Session& s) {
  std::vector<std::string> out;
  for (int side = 0; side < (s.comparing() ? 2 : 1); ++side) {
    const Dataset& d = s.side(side);
    out.insert(out.end(), d.station_name.begin(), d.station_name.end());
    out.insert(out.end(), d.area_name.begin(), d.area_name.end());
    for (const auto& m : d.metrics) out.push_back(m.label_zh);
  }
  if (s.boundaries)
    for (const auto& f : s.boundaries->features) out.push_back(f.name);
  const auto ui = chinese_texts();
  out.insert(out.end(), ui.begin(), ui.end());
  return out;
}

}  // namespace swsim::viz
