#pragma once
// One function per window of the viewer; each draws at a fixed place given by App's tiling.
#include <imgui.h>

#include "gui/app.hpp"

namespace swsim::viz {

void map_window(App& app, ImVec2 pos, ImVec2 size);
void chart_window(App& app, ImVec2 pos, ImVec2 size);
void inspector_window(App& app, ImVec2 pos, ImVec2 size);

// Map camera fitted to the data of a session for a canvas of `size` pixels.
MapCamera fit_camera(const Session& s, ImVec2 size);
// Screen position of a point on the map as drawn in the last frame.
ImVec2 map_to_screen(const App& app, double lon, double lat);

}  // namespace swsim::viz
