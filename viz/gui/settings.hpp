#pragma once
// Preferences and window layout kept between sessions: ImGui's ini file in the user's config folder
// ($XDG_CONFIG_HOME/swsim/swsim-viz.ini, else ~/.config/swsim/swsim-viz.ini) holds the floating
// windows' places and sizes, and a [SwsimViz][Prefs] section with the language, palette, tile
// proportions and display switches.
#include <string>

#include "gui/app.hpp"

namespace swsim::viz {

// The ini path ("" when neither XDG_CONFIG_HOME nor HOME is set); its folder is created.
std::string settings_path();
// Registers the [SwsimViz] handler in the current ImGui context, reading into and writing from `prefs`.
void register_settings(Prefs* prefs);

}  // namespace swsim::viz
