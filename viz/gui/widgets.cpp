#include "gui/widgets.hpp"

#include <filesystem>

namespace swsim::viz {

ImU32 warning_colour(int level) {
  switch (level) {
    case 1:
      return IM_COL32(240, 205, 40, 255);
    case 2:
      return IM_COL32(245, 135, 30, 255);
    case 3:
      return IM_COL32(215, 40, 30, 255);
    default:
      return IM_COL32(215, 215, 212, 255);
  }
}

const char* warning_name(int level) {
  switch (level) {
    case 1:
      return "yellow";
    case 2:
      return "orange";
    case 3:
      return "red";
    default:
      return "";
  }
}

void text_halo(ImDrawList* dl, ImVec2 pos, ImU32 colour, const std::string& text, ImU32 halo) {
  const char* b = text.c_str();
  const char* e = b + text.size();
  for (int dx = -1; dx <= 1; ++dx)
    for (int dy = -1; dy <= 1; ++dy)
      if (dx || dy) dl->AddText(ImVec2(pos.x + dx, pos.y + dy), halo, b, e);
  dl->AddText(pos, colour, b, e);
}

ImVec2 text_size(const std::string& text) {
  return ImGui::CalcTextSize(text.c_str(), text.c_str() + text.size());
}

std::string metric_units_text(const Metric& m, bool whole_run, int steps, bool per_station) {
  std::string u = m.units;
  if (m.is_ratio()) {
    return u + (whole_run ? ", over " + std::to_string(steps) + " days" : ", per day");
  }
  std::string where = per_station ? " per station" : "";
  if (whole_run) return u + where + ", total over " + std::to_string(steps) + " days";
  return u + where + " per day";
}

std::string scope_name(const Session& s, Scope scope, bool cjk) {
  switch (scope.kind) {
    case ScopeKind::kStation:
      return s.a.station_label(scope.index, cjk);
    case ScopeKind::kArea:
      return s.a.area_label(scope.index, cjk);
    default:
      return std::string("City: ") + std::to_string(s.al.pairs()) + " simulated stations";
  }
}

std::string step_title(const Session& s, int step) {
  const int d = s.al.day_a[static_cast<std::size_t>(step)];
  return "Day " + std::to_string(d) + " \xC2\xB7 " + s.a.date_text(d);
}

std::string file_label(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

void text_right(const std::string& text, ImU32 colour) {
  const float w = text_size(text).x;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - w));
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopStyleColor();
}

void begin_tile(const char* name, ImVec2 pos, ImVec2 size, bool scroll) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                           ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  if (!scroll) flags |= ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::Begin(name, nullptr, flags);
}

}  // namespace swsim::viz
