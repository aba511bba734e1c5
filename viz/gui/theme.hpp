#pragma once
// A light theme: the map and charts are printed-figure style (dark ink on white), and so is the UI.
namespace swsim::viz {
void apply_theme();
}
