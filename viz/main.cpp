// swsim-viz: GLFW window + OpenGL 3 + ImGui around App. Loads the files on a background thread,
// draws every frame, and in --screenshot mode renders off-screen, writes a PNG and exits.
#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli.hpp"
#include "inputs.hpp"
#include "reader/result_file.hpp"
#include "gui/app.hpp"
#include "gui/fonts.hpp"
#include "gui/settings.hpp"
#include "gui/theme.hpp"
#include "model/follow.hpp"
#include "model/session.hpp"
#include "screenshot.hpp"

namespace {

using namespace swsim::viz;

#ifndef SWSIM_VERSION
#define SWSIM_VERSION "unknown"
#endif
constexpr const char* kVersion = "swsim-viz " SWSIM_VERSION " (ImGui " IMGUI_VERSION ")";


int fail(int code, const std::string& msg) {
  std::fprintf(stderr, "swsim-viz: error: %s\n", msg.c_str());
  return code;
}

void glfw_error(int code, const char* what) {
  std::fprintf(stderr, "swsim-viz: GLFW error %d: %s\n", code, what);
}

float default_font_px(int height) {
  return std::clamp(std::round(static_cast<float>(height) / 50.0f), 15.0f, 20.0f);
}

struct Glfw {
  bool ok = false;
  Glfw() { ok = glfwInit() == GLFW_TRUE; }
  ~Glfw() {
    if (ok) glfwTerminate();
  }
};

GLFWwindow* open_window(int w, int h, bool visible, const char*& glsl) {
  glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glsl = "#version 150";
  if (GLFWwindow* win = glfwCreateWindow(w, h, "swsim-viz", nullptr, nullptr)) return win;
  // Older drivers: any context of version 3.0 or later.
  glfwDefaultWindowHints();
  glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  glsl = "#version 130";
  return glfwCreateWindow(w, h, "swsim-viz", nullptr, nullptr);
}

// A sweep index (DIR/sweep.h5 from `swsim sweep`) stands for its grid points: --point picks the one to
// show (default 0) and --compare-point a second one to compare with it.
// Returns "" or a one-line problem; `file_problem` tells a file that cannot be read (exit 1) from a bad
// choice of point (exit 2).
std::string resolve_sweep(Options& o, bool& file_problem, LoadRequest& req) {
  file_problem = false;
  using swsim::results::is_sweep_index;
  auto pick = [](const std::string& path, int point, std::string& out) -> std::string {
    const auto index = swsim::results::read_sweep_index(path);
    if (point >= static_cast<int>(index.points.size()))
      return path + ": the sweep has " + std::to_string(index.points.size()) + " points (0 to " +
             std::to_string(index.points.size() - 1) + "), not " + std::to_string(point);
    out = index.points[static_cast<std::size_t>(point)].file;
    return {};
  };
  try {
    if (is_sweep_index(o.file_a)) {
      const std::string index = o.file_a;
      if (auto e = pick(index, std::max(o.point, 0), o.file_a); !e.empty()) return e;
      if (o.compare_point >= 0)
        if (auto e = pick(index, o.compare_point, o.file_b); !e.empty()) return e;
      req.sweep = index;
      req.point_a = std::max(o.point, 0);
      req.point_b = o.compare_point;
    } else if (o.point >= 0 || o.compare_point >= 0) {
      return o.file_a + ": --point and --compare-point need a sweep index (DIR/sweep.h5)";
    }
    if (!o.file_b.empty() && is_sweep_index(o.file_b))
      if (auto e = pick(o.file_b, std::max(o.point, 0), o.file_b); !e.empty()) return e;
  } catch (const swsim::results::ReadError& e) {
    file_problem = true;
    return e.what();
  }
  return {};
}

// Paths dropped on the window (GLFW calls back on the main thread during glfwPollEvents).
std::vector<std::string> g_dropped;
void on_drop(GLFWwindow*, int count, const char** paths) {
  g_dropped.clear();
  for (int i = 0; i < count; ++i) g_dropped.emplace_back(paths[i]);
}

StartChoices start_choices(const Options& o) {
  StartChoices start{o.metric, o.day, o.view, o.station, o.area};
  start.stat = o.stat;
  start.replicate = o.replicate;
  start.period = o.period;
  start.chart = o.chart;
  start.search = o.search;
  start.per_elders = o.per_elders;
  start.per_registered = o.per_registered;
  start.limits = o.limits;
  start.zoom = o.zoom;
  if (o.has_centre) start.centre = std::pair{o.centre_lon, o.centre_lat};
  start.panels = {o.panel_ranking, o.panel_distribution, o.panel_sweep, o.panel_help, o.panel_open, o.panel_whatif};
  start.distribution = o.distribution;
  return start;
}

int run(Options o) {
  bool file_problem = false;
  LoadRequest request{"", "", o.boundaries};
  if (const std::string problem = resolve_sweep(o, file_problem, request); !problem.empty())
    return fail(file_problem ? 1 : 2, problem);
  request.file_a = o.file_a;
  request.file_b = o.file_b;
  request.more = o.more_files;
  const bool shot = !o.screenshot.empty();
  // Following a run: load its newest snapshot (or its result) now, and newer ones as they appear.
  std::optional<Follower> follower;
  if (o.follow) {
    if (!request.sweep.empty()) return fail(2, "--follow needs a result file, not a sweep index");
    follower.emplace(o.file_a);
    const auto first = follower->poll();
    if (!first && shot) return fail(1, o.file_a + ": nothing to show yet (neither it nor " + follower->live_path() + " exists)");
    request.file_a = first ? *first : std::string();
  }
  int width = o.width, height = o.height;
  if (width == 0) width = shot ? 1280 : 1600, height = shot ? 720 : 900;

  glfwSetErrorCallback(glfw_error);
  Glfw glfw;
  if (!glfw.ok) return fail(1, "cannot initialise GLFW (no display? run under xvfb-run for --screenshot)");
  if (!shot && o.width == 0) {
    // Not larger than the screen's work area.
    if (GLFWmonitor* mon = glfwGetPrimaryMonitor()) {
      int mx = 0, my = 0, mw = 0, mh = 0;
      glfwGetMonitorWorkarea(mon, &mx, &my, &mw, &mh);
      if (mw > 0 && mh > 0) width = std::min(width, mw * 95 / 100), height = std::min(height, mh * 90 / 100);
    }
  }
  const char* glsl = nullptr;
  GLFWwindow* win = open_window(shot ? 64 : width, shot ? 64 : height, !shot, glsl);
  if (!win) return fail(1, "cannot open an OpenGL 3 window");
  glfwMakeContextCurrent(win);
  glfwSwapInterval(1);
  glfwSetDropCallback(win, on_drop);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  App app;
  {
    std::error_code ec;
    app.set_swsim_path(find_swsim(std::filesystem::read_symlink("/proc/self/exe", ec).string()));
  }
  // Layout and preferences between sessions; a screenshot neither reads nor writes them, so it depends
  // only on its command line.
  const std::string ini = shot ? std::string() : settings_path();
  static std::string ini_storage;
  ini_storage = ini;
  io.IniFilename = ini_storage.empty() ? nullptr : ini_storage.c_str();
  register_settings(&app.prefs());
  if (!ini_storage.empty()) ImGui::LoadIniSettingsFromDisk(ini_storage.c_str());
  if (!o.lang.empty()) parse_lang(o.lang, app.prefs().lang);
  if (o.meal_points) app.prefs().show_meal_points = true;
  if (o.palette == "cividis") app.prefs().palette = Palette::kCividis;
  if (o.palette == "viridis") app.prefs().palette = Palette::kViridis;
  apply_theme();
  const float font_px = o.font_size > 0 ? o.font_size : default_font_px(height);
  const std::string cjk_font = o.no_cjk ? std::string() : find_cjk_font(o.font);
  if (!o.font.empty() && cjk_font.empty() && !o.no_cjk)
    std::fprintf(stderr, "swsim-viz: warning: cannot read the font %s: showing Latin names\n", o.font.c_str());
  if (cjk_font.empty() && app.prefs().lang == Lang::kZh) {
    std::fprintf(stderr, "swsim-viz: warning: no font with Chinese characters: the interface stays in English\n");
    app.prefs().lang = Lang::kEn;
  }
  set_lang(app.prefs().lang);
  std::vector<std::string> glyphs = chinese_texts();
  bool cjk = load_fonts(*io.Fonts, font_px, cjk_font, glyphs);
  app.set_cjk(cjk);
  ImGui_ImplGlfw_InitForOpenGL(win, true);
  ImGui_ImplOpenGL3_Init(glsl);

  std::unique_ptr<Offscreen> target;
  if (shot) {
    target = std::make_unique<Offscreen>(width, height);
    if (!target->ok()) return fail(1, target->error());
  }

  const StartChoices start = start_choices(o);
  bool first_load = true;
  app.set_request(request);
  auto loader = request.file_a.empty() ? nullptr : std::make_unique<Loader>(request);
  auto last_poll = std::chrono::steady_clock::now();
  int frames_after_load = 0;
  int exit_code = 0;
  const auto t0 = std::chrono::steady_clock::now();
  auto rebuild_fonts = [&](const std::vector<std::string>& texts) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    cjk = load_fonts(*io.Fonts, font_px, cjk_font, texts);
    ImGui_ImplOpenGL3_CreateFontsTexture();
    app.set_cjk(cjk);
    app.fonts_rebuilt();
  };

  while (!glfwWindowShouldClose(win)) {
    const bool busy = loader || app.view().playing;
    if (shot || busy)
      glfwPollEvents();
    else
      glfwWaitEventsTimeout(0.25);

    // Files dropped on the window: one opens alone, two as A and B.
    if (!g_dropped.empty() && !loader) {
      LoadRequest r{g_dropped[0], g_dropped.size() > 1 ? g_dropped[1] : "", request.boundaries};
      for (std::size_t i = 2; i < g_dropped.size() && i < 6; ++i) r.more.push_back(g_dropped[i]);
      if (swsim::results::is_sweep_index(r.file_a)) r = {"", "", request.boundaries, r.file_a, 0, -1};
      app.request_load(r);
      g_dropped.clear();
    }
    if (follower && !loader && !shot && std::chrono::steady_clock::now() - last_poll > std::chrono::milliseconds(500)) {
      last_poll = std::chrono::steady_clock::now();
      if (const auto next = follower->poll()) {
        LoadRequest r = request;
        r.file_a = *next;
        app.request_load(r);
      } else if (!app.session()) {
        app.set_loading(0, trf("waiting for %s", follower->live_path().c_str()));
      }
    }
    if (auto r = app.take_load_request(); r && !loader) {
      request = *r;
      loader = std::make_unique<Loader>(request);
      app.set_status(std::string(tr("Loading ...")) + " " + (request.file_a.empty() ? request.sweep : request.file_a));
    }
    if (loader) {
      if (!app.session()) app.set_loading(loader->progress(), loader->stage());
      if (loader->done()) {
        auto session = loader->take_session();
        const std::string err = loader->error();
        loader.reset();
        if (!session) {
          if (shot) {
            exit_code = fail(1, err);
            break;
          }
          std::fprintf(stderr, "swsim-viz: error: %s\n", err.c_str());
          if (app.session())
            app.set_status(err);
          else
            app.set_error(err);
        } else {
          auto texts = glyph_texts(*session);
          if (first_load) {
            const std::string problem = app.set_session(std::move(session), start);
            if (!problem.empty()) {
              exit_code = fail(2, problem);
              break;
            }
            first_load = false;
          } else if (app.session()) {
            const int last_day_before = app.session()->a.days - 1;
            const bool at_end = app.view().step >= last_day_before;
            app.replace_session(std::move(session));
            // Following a run: stay on the newest day when the view was on the newest day.
            if (follower && at_end && !app.view().playing) app.view().step = app.session()->a.days - 1;
          } else {
            app.set_session(std::move(session), StartChoices{});
          }
          app.set_request(request);
          app.set_status(!follower ? std::string()
                         : app.session()->a.live_days_total > 0 ? trf("following %s", follower->live_path().c_str())
                         : follower->finished() ? trf("the run is complete: %s", follower->result_path().c_str())
                                                : std::string());
          glyphs = std::move(texts);
          rebuild_fonts(glyphs);
        }
      } else if (shot && std::chrono::steady_clock::now() - t0 > std::chrono::minutes(5)) {
        exit_code = fail(1, "loading took more than 5 minutes");
        break;
      }
    }
    if (app.fonts_dirty()) {
      if (cjk_font.empty() && app.prefs().lang == Lang::kZh) {
        app.prefs().lang = Lang::kEn;
        app.set_status("no font with Chinese characters is installed (fonts-wqy-microhei)");
      }
      rebuild_fonts(glyphs);
    }

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    if (shot) {
      io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
      io.DisplayFramebufferScale = ImVec2(1, 1);
      io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    }
    ImGui::NewFrame();
    app.frame();
    ImGui::Render();

    const auto exported = app.take_export_request();
    if (shot) {
      target->bind();
      glClearColor(1, 1, 1, 1);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
      target->unbind();
      if (app.session() && ++frames_after_load >= o.frames) {
        std::string err;
        if (!o.crop.empty()) {
          // The tile's rectangle, as the PNG buttons export it.
          const ImGuiWindow* tile = ImGui::FindWindowByName(o.crop == "map" ? "###Map" : "###Charts");
          err = tile ? target->write_png_region(static_cast<int>(tile->Pos.x), static_cast<int>(tile->Pos.y),
                                                static_cast<int>(tile->Size.x), static_cast<int>(tile->Size.y),
                                                o.screenshot)
                     : "no " + o.crop + " tile to write";
        } else {
          err = target->write_png(o.screenshot);
        }
        if (!err.empty()) exit_code = fail(1, err);
        break;
      }
    } else {
      int fw = 0, fh = 0;
      glfwGetFramebufferSize(win, &fw, &fh);
      glViewport(0, 0, fw, fh);
      glClearColor(0.95f, 0.95f, 0.95f, 1);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
      if (exported) {
        // From the back buffer, before it is shown; in framebuffer pixels.
        const ImVec2 k = io.DisplayFramebufferScale;
        glReadBuffer(GL_BACK);
        const auto px = [](float v, float scale) { return static_cast<int>(std::lround(v * scale)); };
        const std::string err =
            read_png_region(fh, px(exported->x, k.x), px(exported->y, k.y), px(exported->w, k.x), px(exported->h, k.y),
                            exported->path);
        app.set_status(err.empty() ? trf("Wrote %s", exported->path.c_str()) : err);
      }
      glfwSwapBuffers(win);
    }
  }
  loader.reset();  // joins the loading thread if the window closed early
  target.reset();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(win);
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  const ParseResult p = parse_command_line(std::vector<std::string>(argv + 1, argv + argc));
  if (!p.error.empty()) return fail(2, p.error);
  if (p.options.help) {
    std::fputs(help_text().c_str(), stdout);
    return 0;
  }
  if (p.options.version) {
    std::puts(kVersion);
    return 0;
  }
  try {
    return run(p.options);
  } catch (const std::exception& e) {
    return fail(1, e.what());
  }
}
