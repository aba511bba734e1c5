#pragma once
// Following a run while it writes (swsim run --live): the run keeps a whole snapshot of the days done so
// far in OUT.live.h5 and renews it every few seconds; when the run ends it writes OUT.h5 and removes the
// snapshot. A Follower watches both names and says which file to (re)load: the newest snapshot while the
// run goes, then the result; a later run writing the same name is followed again. It only looks at the files' existence, size and modification time, so
// it costs nothing between snapshots.
#include <cstdint>
#include <optional>
#include <string>

#include "swsim/io/live_path.hpp"

namespace swsim::viz {

using swsim::live_path_for;  // OUT.live.h5 for OUT.h5, as swsim run --live names it

class Follower {
 public:
  explicit Follower(std::string result_path);
  // The file to load now, if a new version of the snapshot or of the result appeared since the last call
  // that returned one.
  std::optional<std::string> poll();
  bool finished() const { return finished_; }  // a followed run ended: its result has been handed out
  const std::string& result_path() const { return result_; }
  const std::string& live_path() const { return live_; }

 private:
  struct Stamp {
    std::int64_t mtime_ns = -1;
    std::int64_t size = -1;
    bool operator==(const Stamp&) const = default;
  };
  static Stamp stamp_of(const std::string& path);
  std::string result_, live_;
  Stamp last_live_, last_result_;
  bool seen_live_ = false, finished_ = false;
};

}  // namespace swsim::viz
