// What if: change one parameter of the open scenario and run it again in the background; the result
// opens as B, so B - A is the effect of the change (same seeds: common random numbers).
#include <cmath>
#include <cstdio>

#include "gui/widgets.hpp"
#include "gui/windows.hpp"
#include "model/whatif.hpp"
#include "model/ranking.hpp"

namespace swsim::viz {

void whatif_window(App& app) {
  const Session& s = *app.session();
  ViewState& v = app.view();
  ImGui::SetNextWindowSize(ImVec2(520, 420), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowPos(ImVec2(ImGui::GetIO().DisplaySize.x * 0.25f, 100), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin(window_title("What if", "###WhatIf").c_str(), &v.panels.whatif)) {
    ImGui::End();
    return;
  }
  static std::vector<ScenarioParam> params;
  static std::string params_of;
  if (params_of != s.a.path) params = scenario_params(s.a.scenario_text), params_of = s.a.path;
  static char filter[64] = {0};
  static int chosen = -1;
  static char value[128] = {0};
  ImGui::TextWrapped("%s", trf("Run %s again with one parameter changed; the result opens as B (same seeds, so B - A "
                               "is the effect of the change).",
                               run_label(s.a).c_str())
                               .c_str());
  if (params.empty()) {
    ImGui::TextDisabled("%s", tr("This file has no scenario text to run again."));
    ImGui::End();
    return;
  }
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##filter", tr("Find a parameter (e.g. social_workers)"), filter, sizeof filter);
  const float list_h = ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() * 3.2f;
  if (ImGui::BeginListBox("##params", ImVec2(-1, std::max(list_h, 60.0f)))) {
    for (int i = 0; i < static_cast<int>(params.size()); ++i) {
      const auto& p = params[static_cast<std::size_t>(i)];
      const std::string name = p.name();
      if (filter[0] && name.find(filter) == std::string::npos) continue;
      const std::string item = name + " = " + p.value + "##" + std::to_string(i);
      if (ImGui::Selectable(item.c_str(), chosen == i)) {
        chosen = i;
        std::snprintf(value, sizeof value, "%s", p.value.c_str());
      }
    }
    ImGui::EndListBox();
  }
  WhatIfRun* run = app.whatif();
  const bool running = run && run->state() == WhatIfRun::State::kRunning;
  if (chosen >= 0 && chosen < static_cast<int>(params.size())) {
    const auto& p = params[static_cast<std::size_t>(chosen)];
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(p.name().c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::max(80.0f, ImGui::GetContentRegionAvail().x * 0.4f));
    ImGui::InputText("##value", value, sizeof value);
    ImGui::SameLine();
    ImGui::BeginDisabled(running || p.value == value);
    if (ImGui::Button(tr("Run"))) app.start_whatif(p.name() + "=" + value);
    ImGui::EndDisabled();
  } else {
    ImGui::TextDisabled("%s", tr("Choose a parameter, give it a new value, then Run."));
  }
  if (run) {
    switch (run->state()) {
      case WhatIfRun::State::kRunning: {
        const float t = static_cast<float>(run->seconds());
        ImGui::ProgressBar(std::fmod(t * 0.25f, 1.0f), ImVec2(ImGui::GetContentRegionAvail().x * 0.6f, 0),
                           trf("running %s: %.0f s", run->override_kv().c_str(), static_cast<double>(t)).c_str());
        ImGui::SameLine();
        if (ImGui::Button(tr("Cancel"))) run->cancel();
        break;
      }
      case WhatIfRun::State::kDone:
        ImGui::TextDisabled("%s", trf("done in %.1f s: %s", run->seconds(), run->output().c_str()).c_str());
        break;
      case WhatIfRun::State::kFailed:
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(180, 20, 20, 255));
        ImGui::TextWrapped("%s", run->error().c_str());
        ImGui::PopStyleColor();
        break;
      default:
        break;
    }
  }
  ImGui::End();
}

}  // namespace swsim::viz
