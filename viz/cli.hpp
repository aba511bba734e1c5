#pragma once
// The command line of swsim-viz: parsed into Options, or a one-line error (exit code 2).
#include <optional>
#include <string>
#include <vector>

namespace swsim::viz {

struct Options {
  std::string file_a, file_b, boundaries;
  int point = -1, compare_point = -1;  // grid points of a sweep index (DIR/sweep.h5); -1 = not given
  std::string metric;  // "" = default
  std::string day;     // "" = first day; an index, a date YYYY-MM-DD, or "all"
  int station = -1, area = -1;
  std::string screenshot;  // PNG path; empty = interactive
  int frames = 3;
  int width = 0, height = 0;  // 0 = default
  std::string font;           // CJK font file; "" = search the usual places
  bool no_cjk = false;
  float font_size = 0;  // 0 = from the window height
  std::string view;     // compare map: "a", "b" or "diff" (default)
  bool help = false, version = false;
};

struct ParseResult {
  Options options;
  std::string error;  // one line; empty when ok
};

ParseResult parse_command_line(const std::vector<std::string>& args);  // args without argv[0]
std::string help_text();

}  // namespace swsim::viz
