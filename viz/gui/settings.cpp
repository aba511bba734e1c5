#include "gui/settings.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace swsim::viz {
namespace {

Prefs* g_prefs = nullptr;

void* read_open(ImGuiContext*, ImGuiSettingsHandler*, const char* name) {
  return std::strcmp(name, "Prefs") == 0 ? g_prefs : nullptr;
}

void read_line(ImGuiContext*, ImGuiSettingsHandler*, void* entry, const char* line) {
  auto* p = static_cast<Prefs*>(entry);
  if (!p) return;
  char text[32] = {0};
  float f = 0;
  int i = 0;
  if (std::sscanf(line, "lang=%31s", text) == 1) {
    Lang l;
    if (parse_lang(text, l)) p->lang = l;
  } else if (std::sscanf(line, "palette=%31s", text) == 1) {
    p->palette = std::strcmp(text, "cividis") == 0 ? Palette::kCividis : Palette::kViridis;
  } else if (std::sscanf(line, "map_fraction=%f", &f) == 1) {
    if (f >= 0.2f && f <= 0.8f) p->map_fraction = f;
  } else if (std::sscanf(line, "chart_fraction=%f", &f) == 1) {
    if (f >= 0.2f && f <= 0.8f) p->chart_fraction = f;
  } else if (std::sscanf(line, "catchment_edges=%d", &i) == 1) {
    p->show_catchment_edges = i != 0;
  } else if (std::sscanf(line, "labels=%d", &i) == 1) {
    p->show_labels = i != 0;
  } else if (std::sscanf(line, "tmax=%d", &i) == 1) {
    p->show_tmax = i != 0;
  } else if (std::sscanf(line, "stations=%d", &i) == 1) {
    p->show_stations = i != 0;
  } else if (std::sscanf(line, "meal_points=%d", &i) == 1) {
    p->show_meal_points = i != 0;
  }
}

void write_all(ImGuiContext*, ImGuiSettingsHandler* h, ImGuiTextBuffer* buf) {
  if (!g_prefs) return;
  const Prefs& p = *g_prefs;
  buf->appendf("[%s][Prefs]\n", h->TypeName);
  buf->appendf("lang=%s\n", p.lang == Lang::kZh ? "zh" : "en");
  buf->appendf("palette=%s\n", p.palette == Palette::kCividis ? "cividis" : "viridis");
  buf->appendf("map_fraction=%.3f\n", static_cast<double>(p.map_fraction));
  buf->appendf("chart_fraction=%.3f\n", static_cast<double>(p.chart_fraction));
  buf->appendf("catchment_edges=%d\nlabels=%d\ntmax=%d\nstations=%d\n", p.show_catchment_edges ? 1 : 0,
               p.show_labels ? 1 : 0, p.show_tmax ? 1 : 0, p.show_stations ? 1 : 0);
  buf->appendf("meal_points=%d\n\n", p.show_meal_points ? 1 : 0);
}

}  // namespace

std::string settings_path() {
  std::filesystem::path dir;
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x)
    dir = x;
  else if (const char* h = std::getenv("HOME"); h && *h)
    dir = std::filesystem::path(h) / ".config";
  else
    return {};
  dir /= "swsim";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return {};
  return (dir / "swsim-viz.ini").string();
}

void register_settings(Prefs* prefs) {
  g_prefs = prefs;
  if (ImGui::FindSettingsHandler("SwsimViz")) return;
  ImGuiSettingsHandler h;
  h.TypeName = "SwsimViz";
  h.TypeHash = ImHashStr("SwsimViz");
  h.ReadOpenFn = read_open;
  h.ReadLineFn = read_line;
  h.WriteAllFn = write_all;
  ImGui::GetCurrentContext()->SettingsHandlers.push_back(h);
}

}  // namespace swsim::viz
