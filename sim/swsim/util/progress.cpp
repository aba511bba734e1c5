#include "swsim/util/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace swsim {

ProgressBar::ProgressBar(std::string label, int total, bool enabled)
    : label_(std::move(label)), total_(total), enabled_(enabled), start_(std::chrono::steady_clock::now()) {}

bool ProgressBar::stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

void ProgressBar::update(int done) {
  if (!enabled_ || total_ <= 0) return;
  constexpr int kWidth = 30;
  const int filled = done * kWidth / total_;
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kWidth, '.');
  std::fprintf(stderr, "\r%s [%s] %d/%d  %.1f s ", label_.c_str(), bar.c_str(), done, total_, secs);
  std::fflush(stderr);
  last_width_ = filled;
}

void ProgressBar::finish() {
  if (!enabled_ || last_width_ < 0) return;
  std::fprintf(stderr, "\r%*s\r", 80, "");
  std::fflush(stderr);
}

}  // namespace swsim
