#include "model/follow.hpp"

#include <sys/stat.h>

#include <utility>

namespace swsim::viz {

Follower::Follower(std::string result_path) : result_(std::move(result_path)), live_(live_path_for(result_)) {}

Follower::Stamp Follower::stamp_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return {};
  return {static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
          static_cast<std::int64_t>(st.st_size)};
}

std::optional<std::string> Follower::poll() {
  // The result is written under a temporary name and renamed into place, so once it is there it is whole.
  // A snapshot newer than the result belongs to a run still going (an older result is a previous run's);
  // a result newer than the snapshot is the end of the run (it removes the snapshot right after).
  const Stamp result = stamp_of(result_), live = stamp_of(live_);
  if (live.size > 0 && (result.size <= 0 || live.mtime_ns > result.mtime_ns)) {
    if (live == last_live_) return std::nullopt;
    last_live_ = live;
    seen_live_ = true;
    finished_ = false;
    return live_;
  }
  if (result.size <= 0 || result == last_result_) return std::nullopt;
  last_result_ = result;
  finished_ = seen_live_;
  return result_;
}

}  // namespace swsim::viz
