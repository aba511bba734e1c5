#pragma once
// A progress bar on stderr when stderr is a terminal; silent otherwise (logs, CI, pipes).
#include <chrono>
#include <string>

namespace swsim {

class ProgressBar {
 public:
  ProgressBar(std::string label, int total, bool enabled);
  static bool stderr_is_terminal();
  void update(int done);
  void finish();  // clears the bar's line

 private:
  std::string label_;
  int total_;
  bool enabled_;
  int last_width_ = -1;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace swsim
