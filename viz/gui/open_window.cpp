// Opening files from the window: a path (typed, or picked from the result files in a folder), opened
// alone, as B to compare with the open file, or reloaded. Files dropped on the window arrive through
// the same request (main.cpp).
#include <algorithm>
#include <filesystem>

#include "gui/widgets.hpp"
#include "gui/windows.hpp"

namespace swsim::viz {

void open_window(App& app) {
  ViewState& v = app.view();
  ImGui::SetNextWindowSize(ImVec2(560, 380), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowPos(ImVec2(ImGui::GetIO().DisplaySize.x * 0.5f, ImGui::GetIO().DisplaySize.y * 0.4f),
                          ImGuiCond_FirstUseEver, ImVec2(0.5f, 0.5f));
  if (!ImGui::Begin(window_title("Open", "###Open").c_str(), &v.panels.open)) {
    ImGui::End();
    return;
  }
  static char path[1024] = {0};
  static std::string folder;
  const LoadRequest* cur = app.current_request();
  if (folder.empty()) {
    if (cur && !cur->file_a.empty()) folder = std::filesystem::path(cur->file_a).parent_path().string();
    if (folder.empty()) folder.assign(1, '.');
  }
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##path", tr("Result file (.h5) or sweep index (sweep.h5)"), path, sizeof path);
  ImGui::TextDisabled("%s", folder.c_str());
  // The folder's result files and sub-folders.
  std::vector<std::filesystem::directory_entry> entries;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(folder, ec)) {
    if (e.is_directory(ec) || e.path().extension() == ".h5" || e.path().extension() == ".nc") entries.push_back(e);
    if (entries.size() > 2000) break;
  }
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.path() < b.path(); });
  if (ImGui::BeginListBox("##files", ImVec2(-1, ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() * 1.3f))) {
    if (ImGui::Selectable("..")) folder = std::filesystem::absolute(folder).parent_path().string();
    for (const auto& e : entries) {
      const bool dir = e.is_directory(ec);
      const std::string name = e.path().filename().string() + (dir ? "/" : "");
      if (ImGui::Selectable(name.c_str(), e.path().string() == path, ImGuiSelectableFlags_AllowDoubleClick)) {
        if (dir)
          folder = e.path().string();
        else
          std::snprintf(path, sizeof path, "%s", e.path().string().c_str());
      }
    }
    ImGui::EndListBox();
  }
  const std::string p = path;
  const std::string geo = cur ? cur->boundaries : "";
  ImGui::BeginDisabled(p.empty());
  if (ImGui::Button(tr("Open"))) {
    app.request_load({p, "", geo, results::is_sweep_index(p) ? p : "", -1, -1});
    v.panels.open = false;
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(!app.session());
  if (ImGui::Button(tr("Open as B (compare)")) && cur) {
    app.request_load({cur->file_a, p, geo, cur->sweep, cur->point_a, -1});
    v.panels.open = false;
  }
  ImGui::SameLine();
  if (ImGui::Button(tr("Add to the charts")) && cur) {
    LoadRequest r = *cur;
    if (r.more.size() < 4) r.more.push_back(p);
    app.request_load(r);
    v.panels.open = false;
  }
  ImGui::EndDisabled();
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!cur);
  if (ImGui::Button(tr("Reload"))) {
    app.request_load(*cur);
    v.panels.open = false;
  }
  ImGui::EndDisabled();
  ImGui::End();
}

}  // namespace swsim::viz
