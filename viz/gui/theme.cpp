#include "gui/theme.hpp"

#include <imgui.h>

namespace swsim::viz {

void apply_theme() {
  ImGui::StyleColorsLight();
  ImGuiStyle& s = ImGui::GetStyle();
  s.WindowRounding = 0;
  s.WindowBorderSize = 1;
  s.FrameRounding = 3;
  s.GrabRounding = 3;
  s.WindowPadding = ImVec2(8, 6);
  s.FramePadding = ImVec2(6, 3);
  s.ItemSpacing = ImVec2(8, 5);
  s.CellPadding = ImVec2(6, 2);
  ImVec4* c = s.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0.985f, 0.985f, 0.98f, 1.0f);
  c[ImGuiCol_TitleBg] = ImVec4(0.86f, 0.88f, 0.91f, 1.0f);
  c[ImGuiCol_TitleBgActive] = ImVec4(0.80f, 0.85f, 0.92f, 1.0f);
  c[ImGuiCol_Text] = ImVec4(0.10f, 0.10f, 0.10f, 1.0f);
  c[ImGuiCol_TextDisabled] = ImVec4(0.42f, 0.42f, 0.42f, 1.0f);
  c[ImGuiCol_TableHeaderBg] = ImVec4(0.90f, 0.91f, 0.93f, 1.0f);
  // Checkboxes, radio buttons and inputs stand out from the window.
  c[ImGuiCol_FrameBg] = ImVec4(0.86f, 0.87f, 0.90f, 1.0f);
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.78f, 0.83f, 0.92f, 1.0f);
  c[ImGuiCol_Border] = ImVec4(0.0f, 0.0f, 0.0f, 0.25f);
  s.FrameBorderSize = 1;
  c[ImGuiCol_TableRowBgAlt] = ImVec4(0.0f, 0.0f, 0.0f, 0.035f);
}

}  // namespace swsim::viz
