#pragma once
// The viewer's state and its frame: a toolbar with the time controls, the map, the charts and the
// inspector, tiled to fill the display. Pure ImGui (no window system, no OpenGL): the tests drive it
// with a bare ImGui context.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/metric_table.hpp"
#include "model/session.hpp"

namespace swsim::viz {

enum class MapShow { kA, kB, kDiff };

// Where the map camera looks: centre in degrees, scale in pixels per degree of latitude.
struct MapCamera {
  double lon = 117.0, lat = 36.7, px_per_deg = 200;
  bool fitted = false;
  float screen_x = 0, screen_y = 0;  // where the centre was drawn last frame
  double coslat = 0.8;
};

struct ViewState {
  int metric = 0;          // index into the metrics of file A
  int step = 0;            // timeline step (a day of A, matched to B)
  bool whole_run = false;  // map and inspector show totals over the run
  bool playing = false;
  float days_per_second = 2.0f;
  double play_clock = 0;
  Scope selection;  // kCity = nothing selected
  bool select_areas = false;
  MapShow map_show = MapShow::kDiff;
  bool show_catchment_edges = true, show_labels = true, show_tmax = true, show_stations = true;
  bool cjk = true;  // Chinese names (a CJK font is loaded)
  MapCamera camera;
};

// Start-up choices from the command line, applied once the files are loaded.
struct StartChoices {
  std::string metric, day, view;
  int station = -1, area = -1;
};

class App {
 public:
  App() = default;
  void set_loading(double progress, const std::string& stage);
  void set_error(const std::string& message);
  // Takes the loaded session; returns "" or a one-line error about the start choices (bad --metric...).
  std::string set_session(std::unique_ptr<Session> session, const StartChoices& start);
  void set_cjk(bool cjk) { view_.cjk = cjk; }

  // Builds every window for the current ImGui frame (between ImGui::NewFrame and ImGui::Render).
  void frame();

  const Session* session() const { return session_.get(); }
  ViewState& view() { return view_; }
  const ViewState& view() const { return view_; }
  const MetricTable& table();  // of the current metric
  const std::string& error() const { return error_; }

 private:
  void toolbar(float x, float y, float w, float h);
  void status_window(float w, float h);
  void handle_keys();
  void advance_playback(float dt);

  std::unique_ptr<Session> session_;
  ViewState view_;
  std::optional<MetricTable> table_;
  double load_progress_ = 0;
  std::string load_stage_, error_;
};

}  // namespace swsim::viz

namespace swsim::viz {
// Texts whose glyphs the font atlas needs for a session: station and area names, district names.
std::vector<std::string> glyph_texts(const Session& s);
}  // namespace swsim::viz
