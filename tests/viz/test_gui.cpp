// The viewer's windows driven through a bare ImGui context: no window system, no OpenGL.
#include <imgui.h>
#include <imgui_internal.h>
#include <catch2/catch.hpp>

#include "gui/app.hpp"
#include "gui/fonts.hpp"
#include "gui/theme.hpp"
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
  for (const char* w : {"Map", "Charts", "Inspector", "##toolbar"}) {
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
