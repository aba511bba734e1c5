// The viewer's windows driven through a bare ImGui context: no window system, no OpenGL.
#include <imgui.h>
#include <imgui_internal.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "gui/app.hpp"
#include "gui/fonts.hpp"
#include "gui/i18n.hpp"
#include "gui/settings.hpp"
#include "gui/theme.hpp"
#include "gui/widgets.hpp"
#include "gui/windows.hpp"
#include "viz_test_files.hpp"

using namespace swsim::viz;
using Catch::Matchers::Contains;

namespace {

struct Headless {
  explicit Headless(const std::vector<std::string>& texts = {}, float w = 1280, float h = 720) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(w, h);
    io.DeltaTime = 1.0f / 60.0f;
    for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = 256 + k;  // any distinct key indices
    apply_theme();
    cjk = load_fonts(*io.Fonts, 15, find_cjk_font(), texts);
    unsigned char* px = nullptr;
    int tw = 0, th = 0;
    io.Fonts->GetTexDataAsRGBA32(&px, &tw, &th);
  }
  ~Headless() { ImGui::DestroyContext(); }
  Headless(const Headless&) = delete;
  Headless& operator=(const Headless&) = delete;

  int frame(App& app) {
    ImGui::NewFrame();
    app.frame();
    ImGui::Render();
    return ImGui::GetDrawData()->TotalVtxCount;
  }
  void press(App& app, ImGuiKey key) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[io.KeyMap[key]] = true;
    frame(app);
    io.KeysDown[io.KeyMap[key]] = false;
    frame(app);
  }
  void click(App& app, ImVec2 at) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = at;
    frame(app);
    io.MouseDown[0] = true;
    frame(app);
    io.MouseDown[0] = false;
    frame(app);
  }
  bool cjk = false;
};

std::unique_ptr<Session> session(bool two) {
  return std::make_unique<Session>(
      load_session({viz_test::baseline_result(), two ? viz_test::one_worker_result() : "", ""}));
}

}  // namespace

TEST_CASE("gui: loading progress and a load error render without a session", "[gui]") {
  Headless h;
  App app;
  app.set_loading(0.4, "reading meals_missed");
  h.frame(app);  // an auto-sized window is measured, not drawn, on its first frame
  CHECK(h.frame(app) > 0);
  app.set_error("x.h5: not an HDF5 file (or unreadable)");
  h.frame(app);
  CHECK(h.frame(app) > 0);
  CHECK(ImGui::FindWindowByName("swsim-viz") != nullptr);
}

TEST_CASE("gui: a session draws the toolbar, map, charts and inspector", "[gui]") {
  auto s = session(false);
  Headless h(glyph_texts(*s));
  App app;
  app.set_cjk(h.cjk);
  REQUIRE(app.set_session(std::move(s), {}) == "");
  int vtx = 0;
  for (int i = 0; i < 3; ++i) vtx = h.frame(app);
  CHECK(vtx > 5000);
  for (const char* w : {"###Map", "###Charts", "###Inspector", "##toolbar"}) {
    INFO(w);
    const ImGuiWindow* win = ImGui::FindWindowByName(w);
    REQUIRE(win);
    CHECK(win->Active);
  }
  CHECK(app.view().camera.fitted);
  CHECK(app.view().metric == app.session()->a.metric_index("meals_missed"));
}

TEST_CASE("gui: clicking a station on the map selects it, Esc clears", "[gui]") {
  auto s = session(false);
  Headless h;
  App app;
  REQUIRE(app.set_session(std::move(s), {}) == "");
  h.frame(app);
  h.frame(app);
  const Dataset& d = app.session()->a;
  const int st = d.stations / 2;
  h.click(app, map_to_screen(app, d.station_lon[static_cast<std::size_t>(st)],
                             d.station_lat[static_cast<std::size_t>(st)]));
  CHECK(app.view().selection == Scope{ScopeKind::kStation, st});
  h.press(app, ImGuiKey_Escape);
  CHECK(app.view().selection.kind == ScopeKind::kCity);
  app.view().select_areas = true;
  h.click(app, map_to_screen(app, d.station_lon[static_cast<std::size_t>(st)],
                             d.station_lat[static_cast<std::size_t>(st)]));
  CHECK(app.view().selection == Scope{ScopeKind::kArea, d.station_area[static_cast<std::size_t>(st)]});
}

TEST_CASE("gui: keys step through days and play advances at the chosen speed", "[gui]") {
  Headless h;
  App app;
  REQUIRE(app.set_session(session(false), {}) == "");
  h.frame(app);
  h.press(app, ImGuiKey_RightArrow);
  CHECK(app.view().step == 1);
  h.press(app, ImGuiKey_End);
  CHECK(app.view().step == 19);
  h.press(app, ImGuiKey_Home);
  CHECK(app.view().step == 0);
  h.press(app, ImGuiKey_Space);
  CHECK(app.view().playing);
  app.view().days_per_second = 4;
  ImGui::GetIO().DeltaTime = 0.5f;  // two days per frame
  h.frame(app);
  CHECK(app.view().step == 2 + 0);  // the two frames of the key press ran at 1/60 s
  ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
}

TEST_CASE("gui: start choices pick metric, day and selection, bad ones are reported", "[gui]") {
  Headless h;
  App app;
  CHECK(app.set_session(session(false), {"heat_illness", "2022-06-16", "", 2, -1}) == "");
  CHECK(app.view().metric == app.session()->a.metric_index("heat_illness"));
  CHECK(app.view().step == 15);
  CHECK(app.view().selection == Scope{ScopeKind::kStation, 2});
  CHECK(app.set_session(session(false), {"", "all", "", -1, 1}) == "");
  CHECK(app.view().whole_run);
  CHECK(app.view().selection == Scope{ScopeKind::kArea, 1});
  CHECK_THAT(app.set_session(session(false), {"meals_eaten", "", "", -1, -1}),
             Contains("--metric: no metric 'meals_eaten'"));
  CHECK_THAT(app.set_session(session(false), {"", "2030-01-01", "", -1, -1}),
             Contains("--day: no day '2030-01-01'"));
  CHECK_THAT(app.set_session(session(false), {"", "", "", 999, -1}), Contains("--station: no station 999"));
  h.frame(app);
}

TEST_CASE("gui: a comparison shows the difference map and both series", "[gui]") {
  auto s = session(true);
  Headless h(glyph_texts(*s), 1600, 900);
  App app;
  REQUIRE(app.set_session(std::move(s), {"", "all", "", -1, -1}) == "");
  CHECK(app.view().map_show == MapShow::kDiff);
  int vtx = 0;
  for (int i = 0; i < 3; ++i) vtx = h.frame(app);
  CHECK(vtx > 5000);
  CHECK(app.table().has_b);
  REQUIRE(app.set_session(session(true), {"", "", "b", -1, -1}) == "");
  CHECK(app.view().map_show == MapShow::kB);
  h.frame(app);
}

TEST_CASE("gui: the CJK font holds the glyphs of the names, Latin names otherwise", "[gui][fonts]") {
  const Session s = load_session({viz_test::baseline_result(), "", ""});
  CHECK(s.a.station_label(0, false) == s.a.station_name_en[0]);
  CHECK(s.a.station_label(0, true) == s.a.station_name[0]);
  CHECK(needs_cjk(s.a.station_name[0]));
  CHECK_FALSE(needs_cjk(s.a.station_name_en[0]));
  const std::string font = find_cjk_font();
  if (font.empty()) {
    WARN("no CJK font installed: only the fallback is tested");
    return;
  }
  Headless h(glyph_texts(s));
  REQUIRE(h.cjk);
  ImFont* f = ImGui::GetIO().Fonts->Fonts[0];
  unsigned int cp = 0;
  ImTextCharFromUtf8(&cp, s.a.station_name[0].c_str(), nullptr);
  CHECK(f->FindGlyphNoFallback(static_cast<ImWchar>(cp)) != nullptr);
  CHECK(f->FindGlyphNoFallback(static_cast<ImWchar>(0x9F98)) == nullptr);  // a CJK glyph not in any name
  CHECK(find_cjk_font("/nonexistent/font.ttc").empty());
}

namespace {
std::unique_ptr<Session> replicate_session(bool two) {
  return std::make_unique<Session>(load_session(
      {viz_test::replicates_result(), two ? viz_test::replicates_one_worker_result() : "", ""}));
}
}  // namespace

TEST_CASE("gui: every window in Chinese has its text translated", "[gui][i18n]") {
  auto s = replicate_session(true);
  Headless h(glyph_texts(*s), 1600, 900);
  App app;
  app.set_lang(Lang::kZh);
  REQUIRE(app.set_session(std::move(s), {"", "3", "", 0, -1}) == "");
  clear_missing_translations();
  app.view().panels = {true, true, false, true, true, true};
  for (int i = 0; i < 3; ++i) h.frame(app);
  // The other views: the period, B - A charts, per 1,000 elders, one replicate, a locked scale.
  app.view().whole_run = true;
  app.view().period = {PeriodKind::kHeatWave, 0, -1};
  app.view().chart_mode = ChartMode::kDiff;
  app.view().per_elders = true;
  app.view().per_registered = true;
  app.view().stat = {Stat::kReplicate, 1};
  app.view().lock_limits = true;
  app.view().distribution = DistributionOver::kReplicates;
  for (int i = 0; i < 2; ++i) h.frame(app);
  app.view().selection = {};
  app.view().map_show = MapShow::kA;
  app.view().period = {PeriodKind::kRange, 2, 5};
  for (int i = 0; i < 2; ++i) h.frame(app);
  CHECK(missing_translations() == std::vector<std::string>{});
  CHECK(std::string(tr("Map")) == "地图");
  CHECK(ImGui::FindWindowByName("###Ranking") != nullptr);
  CHECK(ImGui::FindWindowByName("###Help") != nullptr);
  CHECK(ImGui::FindWindowByName("###Distribution") != nullptr);
  app.set_lang(Lang::kEn);
  CHECK(std::string(tr("Map")) == "Map");
  CHECK(trf("Day %d", 4) == "Day 4");
  set_lang(Lang::kZh);
  CHECK(trf("Day %d", 4) == "第 4 天");
  set_lang(Lang::kEn);
}

TEST_CASE("gui: the interface's Chinese text is in the font atlas", "[gui][i18n][fonts]") {
  if (find_cjk_font().empty()) {
    WARN("no CJK font installed");
    return;
  }
  Headless h(chinese_texts());
  REQUIRE(h.cjk);
  ImFont* f = ImGui::GetIO().Fonts->Fonts[0];
  for (const char* zh : {"地图", "热浪", "更好"}) {
    unsigned int cp = 0;
    ImTextCharFromUtf8(&cp, zh, nullptr);
    CHECK(f->FindGlyphNoFallback(static_cast<ImWchar>(cp)) != nullptr);
  }
}

TEST_CASE("gui: the whole-run inspector has no day column", "[gui]") {
  Headless h;
  App app;
  REQUIRE(app.set_session(session(true), {"", "all", "", -1, -1}) == "");
  for (const auto& c : inspector_columns(*app.session(), app.view())) CHECK(c.find("Day") == std::string::npos);
  app.view().whole_run = false;
  app.view().step = 4;
  const auto day = inspector_columns(*app.session(), app.view());
  CHECK(std::find(day.begin(), day.end(), "Day 4 A") != day.end());
  h.frame(app);
}

TEST_CASE("gui: a replicate file is labelled with its statistic, and the replicate can be chosen", "[gui]") {
  Headless h;
  App app;
  REQUIRE(app.set_session(replicate_session(false), {}) == "");
  CHECK(app.view().stat == StatChoice{Stat::kMean, 0});
  CHECK(stat_label(app.session()->a, app.view().stat) == "mean of 3 replicates");
  StartChoices pick;
  pick.replicate = 2;
  REQUIRE(app.set_session(replicate_session(false), pick) == "");
  CHECK(app.view().stat == StatChoice{Stat::kReplicate, 2});
  CHECK_THAT(stat_label(app.session()->a, app.view().stat), Contains("replicate 2 of 3 (seed "));
  pick.replicate = 7;
  CHECK_THAT(app.set_session(replicate_session(false), pick), Contains("--replicate: the file has 3 replicate(s)"));
  StartChoices median;
  median.stat = "median";
  REQUIRE(app.set_session(replicate_session(false), median) == "");
  CHECK(app.view().stat.stat == Stat::kMedian);
  CHECK(app.table().spec.stat.stat == Stat::kMedian);
  h.frame(app);
}

TEST_CASE("gui: start choices for the new views, and bad ones reported", "[gui]") {
  Headless h;
  App app;
  StartChoices c;
  c.period = "2022-06-05:2022-06-09";
  c.per_elders = true;
  c.limits = "0:20";
  c.chart = "diff";
  c.search = "li";
  c.panels.ranking = true;
  REQUIRE(app.set_session(session(true), c) == "");
  CHECK(app.view().whole_run);
  CHECK(app.view().period == Period{PeriodKind::kRange, 4, 8});
  CHECK(app.view().per_elders);
  CHECK(app.table().norm == Norm::kElders);
  CHECK(app.view().lock_limits);
  CHECK(app.colour_limits(false) == std::pair<double, double>{0, 20});
  CHECK(app.colour_limits(true) == std::pair<double, double>{-20, 20});
  CHECK(app.view().chart_mode == ChartMode::kDiff);
  CHECK(app.view().ranking.search == "li");
  CHECK(app.view().panels.ranking);
  h.frame(app);
  StartChoices bad;
  bad.period = "2030-01-01:x";
  CHECK_THAT(app.set_session(session(true), bad), Contains("--period: expected"));
  StartChoices bad_limits;
  bad_limits.limits = "5:1";
  CHECK_THAT(app.set_session(session(true), bad_limits), Contains("--limits: expected LO:HI"));
  StartChoices diff_one;
  diff_one.chart = "diff";
  CHECK_THAT(app.set_session(session(false), diff_one), Contains("--chart diff needs two result files"));
}

TEST_CASE("gui: keys open the ranking, distribution and help, lock the colours, toggle per 1,000 elders", "[gui]") {
  Headless h;
  App app;
  REQUIRE(app.set_session(session(false), {}) == "");
  h.frame(app);
  auto press_char = [&](int key) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[key] = true;
    h.frame(app);
    io.KeysDown[key] = false;
    h.frame(app);
  };
  press_char('R');
  CHECK(app.view().panels.ranking);
  press_char('D');
  CHECK(app.view().panels.distribution);
  press_char('H');
  CHECK(app.view().panels.help);
  press_char('E');
  CHECK(app.view().per_elders);
  const auto before = app.colour_limits(false);
  press_char('L');
  CHECK(app.view().lock_limits);
  app.view().metric = app.session()->a.metric_index("meals_requested");
  CHECK(app.colour_limits(false) == before);  // locked: the scale stays
  press_char('W');
  CHECK(app.view().whole_run);
  CHECK(ImGui::FindWindowByName("###Ranking") != nullptr);
}

TEST_CASE("gui: a new session for the same view keeps the metric and day", "[gui]") {
  Headless h;
  App app;
  REQUIRE(app.set_session(session(false), {"heat_illness", "5", "", 3, -1}) == "");
  app.replace_session(session(true));
  CHECK(app.session()->comparing());
  CHECK(app.view().metric == app.session()->a.metric_index("heat_illness"));
  CHECK(app.view().step == 5);
  CHECK(app.view().selection == Scope{ScopeKind::kStation, 3});
  CHECK(app.view().map_show == MapShow::kDiff);
  h.frame(app);
}

TEST_CASE("gui: export and load requests wait for main.cpp", "[gui]") {
  Headless h;
  App app;
  REQUIRE(app.set_session(session(false), {}) == "");
  h.frame(app);
  CHECK_FALSE(app.take_export_request());
  app.request_export({0, 0, 10, 10, "x.png"});
  const auto e = app.take_export_request();
  REQUIRE(e);
  CHECK(e->path == "x.png");
  CHECK_FALSE(app.take_export_request());
  CHECK(app.export_path("map", "png").rfind("swsim-viz-map-meals_missed-", 0) == 0);
  app.request_load({"a.h5", "b.h5", ""});
  const auto l = app.take_load_request();
  REQUIRE(l);
  CHECK(l->file_b == "b.h5");
}

TEST_CASE("gui: preferences go to and come back from the ini file", "[gui][settings]") {
  Headless h;
  Prefs prefs;
  register_settings(&prefs);
  prefs.lang = Lang::kZh;
  prefs.palette = Palette::kCividis;
  prefs.map_fraction = 0.6f;
  prefs.show_labels = false;
  const std::string ini = ImGui::SaveIniSettingsToMemory();
  CHECK_THAT(ini, Contains("[SwsimViz][Prefs]"));
  CHECK_THAT(ini, Contains("lang=zh"));
  Prefs back;
  register_settings(&back);
  ImGui::LoadIniSettingsFromMemory(ini.c_str(), ini.size());
  CHECK(back.lang == Lang::kZh);
  CHECK(back.palette == Palette::kCividis);
  CHECK(back.map_fraction == Approx(0.6f));
  CHECK_FALSE(back.show_labels);
  // The file lives in the user's config folder.
  const char* old = std::getenv("XDG_CONFIG_HOME");
  const std::string keep = old ? old : "";
  setenv("XDG_CONFIG_HOME", VIZ_TEST_DIR, 1);
  CHECK(settings_path() == std::string(VIZ_TEST_DIR) + "/swsim/swsim-viz.ini");
  if (old) setenv("XDG_CONFIG_HOME", keep.c_str(), 1); else unsetenv("XDG_CONFIG_HOME");
}

TEST_CASE("gui: a what-if run started from the window opens as B when done", "[gui][whatif]") {
  Headless h;
  App app;
  app.set_swsim_path(SWSIM_BIN);
  REQUIRE(app.set_session(session(false), {}) == "");
  app.view().panels.whatif = true;
  h.frame(app);
  CHECK(ImGui::FindWindowByName("###WhatIf") != nullptr);
  app.start_whatif("staffing.social_workers_per_station=1");
  REQUIRE(app.whatif());
  std::optional<LoadRequest> req;
  for (int i = 0; i < 1200 && !req; ++i) {
    h.frame(app);
    req = app.take_load_request();
    if (!req) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  REQUIRE(req);
  CHECK(req->file_a == app.session()->a.path);
  CHECK(req->file_b == app.whatif()->output());
  app.replace_session(std::make_unique<Session>(load_session(*req)));
  CHECK(app.session()->comparing());
  CHECK(app.view().map_show == MapShow::kDiff);
  CHECK(app.session()->b->run_label == "baseline.ini + staffing.social_workers_per_station=1");
  h.frame(app);
}

TEST_CASE("gui: the meal points layer draws a square per point in view, key M",
          "[gui]") {
  auto s = session(false);
  const std::size_t points = s->a.meal_point_lat.size();
  REQUIRE(points > 20);  // the test file has the meal programme's points
  REQUIRE(s->a.meal_point_canteen.size() == points);
  int canteens = 0;
  for (int c : s->a.meal_point_canteen) canteens += c;
  CHECK(canteens > 0);
  CHECK(canteens < static_cast<int>(points));  // both kinds, so both markers are drawn
  Headless h(glyph_texts(*s));
  App app;
  app.set_cjk(h.cjk);
  REQUIRE(app.set_session(std::move(s), {}) == "");
  CHECK_FALSE(app.prefs().show_meal_points);  // off by default: 5,000 squares in the full city
  int off = 0;
  for (int i = 0; i < 3; ++i) off = h.frame(app);
  auto press_m = [&] {
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown['M'] = true;
    h.frame(app);
    io.KeysDown['M'] = false;
  };
  press_m();
  CHECK(app.prefs().show_meal_points);
  const int on = h.frame(app);
  // A filled square has 4 vertices (8 with ImGui's anti-aliased fringe), a hollow one more; most points
  // lie inside the fitted map.
  CHECK(on - off >= static_cast<int>(2 * points));
  press_m();
  CHECK_FALSE(app.prefs().show_meal_points);
}
