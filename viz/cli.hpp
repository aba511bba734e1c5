#pragma once
// The command line of swsim-viz: parsed into Options, or a one-line error (exit code 2).
#include <optional>
#include <string>
#include <vector>

namespace swsim::viz {

struct Options {
  std::string file_a, file_b, boundaries;
  std::vector<std::string> more_files;  // third and later files: more runs in the charts
  int point = -1, compare_point = -1;  // grid points of a sweep index (DIR/sweep.h5); -1 = not given
  std::string metric;  // "" = default
  std::string day;     // "" = first day; an index, a date YYYY-MM-DD, or "all"
  int station = -1, area = -1;
  std::string screenshot;  // PNG path; empty = interactive
  std::string crop;        // "map" | "chart": the screenshot holds only that tile (as its PNG button writes)
  int frames = 3;
  int width = 0, height = 0;  // 0 = default
  std::string font;           // CJK font file; "" = search the usual places
  bool no_cjk = false;
  float font_size = 0;  // 0 = from the window height
  std::string view;     // compare map: "a", "b" or "diff" (default)
  std::string lang;     // "zh" | "en"; "" = as saved in the settings (English at first)
  std::string stat;     // "mean" (default) | "median" | "q05" | "q95"
  int replicate = -1;   // show one replicate
  bool per_elders = false, per_registered = false;
  bool meal_points = false;  // draw the meal programme's points on the map
  std::string period;   // "all" | "heat-wave" | "warning" | "FROM:TO"
  std::string chart;    // "series" | "diff"
  std::string palette;  // "viridis" | "cividis"
  std::string search;   // ranking table search text
  std::string limits;   // "LO:HI": locked colour limits
  std::string distribution;  // "stations" | "replicates"
  double zoom = 1;
  bool has_centre = false;
  double centre_lon = 0, centre_lat = 0;
  bool panel_ranking = false, panel_distribution = false, panel_sweep = false, panel_help = false,
       panel_open = false, panel_whatif = false;
  bool follow = false;  // file A is a run still going (swsim run --live): follow its snapshots, then the result
  bool help = false, version = false;
};

struct ParseResult {
  Options options;
  std::string error;  // one line; empty when ok
};

ParseResult parse_command_line(const std::vector<std::string>& args);  // args without argv[0]
std::string help_text();

}  // namespace swsim::viz
