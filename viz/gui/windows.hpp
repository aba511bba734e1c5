#pragma once
// One function per window of the viewer. The map, charts and inspector are tiles at places given by
// App's layout; the others float (their place and size are kept in the ini file).
#include <imgui.h>

#include <string>
#include <vector>

#include "gui/app.hpp"

namespace swsim::viz {

void map_window(App& app, ImVec2 pos, ImVec2 size);
void chart_window(App& app, ImVec2 pos, ImVec2 size);
void inspector_window(App& app, ImVec2 pos, ImVec2 size);
void ranking_window(App& app);
void distribution_window(App& app);
void sweep_window(App& app);
void open_window(App& app);
void help_window(App& app);
void whatif_window(App& app);

// The inspector's metric table columns for a view: no day columns when the period is shown.
std::vector<std::string> inspector_columns(const Session& s, const ViewState& v);

// Map camera fitted to the data of a session for a canvas of `size` pixels.
MapCamera fit_camera(const Session& s, ImVec2 size);
// Screen position of a point on the map as drawn in the last frame.
ImVec2 map_to_screen(const App& app, double lon, double lat);

}  // namespace swsim::viz
