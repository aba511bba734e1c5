#pragma once
// The viewer's state and its frame: a menu bar, a toolbar with the metric, ensemble statistic and time
// controls, the map, the charts and the inspector tiled to fill the display, and floating windows
// (ranking, distribution, sweep browser, open file, help). Pure ImGui (no window system, no OpenGL):
// the tests drive it with a bare ImGui context. Loading and PNG export are requests that main.cpp
// carries out.
#include <memory>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "gui/i18n.hpp"
#include "model/colormap.hpp"
#include "model/metric_table.hpp"
#include "model/ranking.hpp"
#include "model/session.hpp"
#include "model/whatif.hpp"

namespace swsim::viz {

enum class MapShow { kA, kB, kDiff };
enum class ChartMode { kSeries, kDiff };
enum class DistributionOver { kStations, kReplicates };

// Where the map camera looks: centre in degrees, scale in pixels per degree of latitude.
struct MapCamera {
  double lon = 117.0, lat = 36.7, px_per_deg = 200;
  bool fitted = false;
  float screen_x = 0, screen_y = 0;  // where the centre was drawn last frame
  double coslat = 0.8;
};

// Which floating windows are open.
struct Panels {
  bool ranking = false, distribution = false, sweep = false, help = false, open = false, whatif = false;
};

// Preferences kept between sessions (in the ImGui ini file, see settings.hpp).
struct Prefs {
  Lang lang = Lang::kEn;
  Palette palette = Palette::kViridis;
  float map_fraction = 0.5f;    // of the width
  float chart_fraction = 0.48f;  // of the right column's height
  bool show_catchment_edges = true, show_labels = true, show_tmax = true, show_stations = true;
  bool show_meal_points = false;  // the meal programme's canteens and points (about 5,000 in the full city)
};

struct ViewState {
  int metric = 0;          // index into the metrics of file A
  int step = 0;            // timeline step (a day of A, matched to B)
  bool whole_run = false;  // map, ranking and inspector show the period instead of the day
  Period period;           // the period (whole run, date range, heat-wave or warning days)
  bool playing = false;
  float days_per_second = 2.0f;
  double play_clock = 0;
  Scope selection;  // kCity = nothing selected
  bool select_areas = false;
  MapShow map_show = MapShow::kDiff;
  ChartMode chart_mode = ChartMode::kSeries;
  StatChoice stat;          // statistic over replicates
  bool per_elders = false;      // counts per 1,000 elders ...
  bool per_registered = false;  // ... registered on the station's list rather than all 60+
  Norm norm() const { return !per_elders ? Norm::kNone : (per_registered ? Norm::kRegistered : Norm::kElders); }
  bool lock_limits = false;  // keep the colour limits below while the metric, day or period change
  double locked_lo = 0, locked_hi = 1;
  DistributionOver distribution = DistributionOver::kStations;
  RankQuery ranking;
  bool cjk = true;  // Chinese names (a CJK font is loaded)
  MapCamera camera;
  double zoom = 1;  // on the fitted camera (--zoom), applied when the camera is fitted
  std::optional<std::pair<double, double>> centre;  // lon, lat (--centre)
  Panels panels;
};

// Start-up choices from the command line, applied once the files are loaded.
struct StartChoices {
  StartChoices(std::string m = "", std::string d = "", std::string v = "", int st = -1, int ar = -1)
      : metric(std::move(m)), day(std::move(d)), view(std::move(v)), station(st), area(ar) {}
  std::string metric, day, view;
  int station = -1, area = -1;
  std::string stat = "", period = "", chart = "", search = "";
  int replicate = -1;
  bool per_elders = false, per_registered = false;
  std::string limits;  // "LO:HI" locks the colour limits
  double zoom = 1;
  std::optional<std::pair<double, double>> centre;
  Panels panels;
  std::string distribution;  // "stations" | "replicates"
};

// A PNG of a region of the frame, written by main.cpp after the frame is rendered.
struct ExportRequest {
  float x = 0, y = 0, w = 0, h = 0;
  std::string path;
};

class App {
 public:
  App() = default;
  void set_loading(double progress, const std::string& stage);
  void set_error(const std::string& message);
  // Takes the loaded session; returns "" or a one-line error about the start choices (bad --metric...).
  std::string set_session(std::unique_ptr<Session> session, const StartChoices& start);
  // A new session for the same view (reload, another sweep point): keeps metric, day and selection.
  void replace_session(std::unique_ptr<Session> session);
  void set_cjk(bool cjk) { view_.cjk = cjk; }

  // Builds every window for the current ImGui frame (between ImGui::NewFrame and ImGui::Render).
  void frame();

  const Session* session() const { return session_.get(); }
  ViewState& view() { return view_; }
  const ViewState& view() const { return view_; }
  Prefs& prefs() { return prefs_; }
  const MetricTable& table();  // of the current metric, statistic, normalisation and period
  const std::string& error() const { return error_; }
  const LoadRequest* current_request() const { return request_ ? &*request_ : nullptr; }
  void set_request(const LoadRequest& r) { request_ = r; }

  // Requests for main.cpp.
  void request_load(const LoadRequest& r) { load_request_ = r; }
  std::optional<LoadRequest> take_load_request();
  void request_export(const ExportRequest& r) { export_request_ = r; }
  std::optional<ExportRequest> take_export_request();
  void set_status(const std::string& s) { status_ = s; }
  const std::string& status() const { return status_; }
  bool fonts_dirty() const { return fonts_dirty_; }  // the language changed: glyphs to add
  void fonts_rebuilt() { fonts_dirty_ = false; }
  void set_lang(Lang l);

  // What if: the swsim program to run, and a run of the open scenario with one change.
  void set_swsim_path(const std::string& p) { swsim_path_ = p; }
  void start_whatif(const std::string& override_kv);
  WhatIfRun* whatif() { return whatif_.get(); }

  // The colour limits in use (locked or robust from the table), as [lo, hi] or [-abs, abs] for B - A.
  std::pair<double, double> colour_limits(bool diff);
  // Where an exported PNG or CSV goes: the current directory, named by what it shows.
  std::string export_path(const std::string& what, const std::string& ext) const;

 private:
  void menu_bar();
  void toolbar(float x, float y, float w, float h);
  void status_window(float w, float h);
  void handle_keys();
  void advance_playback(float dt);

  std::unique_ptr<Session> session_;
  ViewState view_;
  Prefs prefs_;
  std::optional<MetricTable> table_;
  double load_progress_ = 0;
  std::string load_stage_, error_, status_;
  std::optional<LoadRequest> request_, load_request_;
  std::optional<ExportRequest> export_request_;
  bool fonts_dirty_ = false;
  std::string swsim_path_ = "swsim";
  std::unique_ptr<WhatIfRun> whatif_;
};

// Texts whose glyphs the font atlas needs for a session: station and area names, district names, the
// Chinese metric labels and the interface's Chinese text.
std::vector<std::string> glyph_texts(const Session& s);

}  // namespace swsim::viz
