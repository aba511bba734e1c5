// Following a run while it writes: the Follower's choice between the live snapshot and the result, and a
// real `swsim run --live` followed from its first snapshot to its result.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "gui/widgets.hpp"
#include "model/follow.hpp"
#include "model/session.hpp"

using namespace swsim::viz;
using Catch::Matchers::Contains;

namespace {
std::string test_dir(const std::string& name) {
  const auto d = std::filesystem::path(VIZ_TEST_DIR) / (name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d.string();
}
void write_bytes(const std::string& path, std::size_t n) {
  std::ofstream(path, std::ios::binary) << std::string(n, 'x');
}
void touch_later(const std::string& path, int seconds) {
  const auto t = std::filesystem::last_write_time(path);
  std::filesystem::last_write_time(path, t + std::chrono::seconds(seconds));
}
}  // namespace

TEST_CASE("live snapshots are named beside the result", "[follow]") {
  CHECK(live_path_for("out/run.h5") == "out/run.live.h5");
  CHECK(live_path_for("run") == "run.live");
}

TEST_CASE("the follower hands out each new snapshot once, then the result", "[follow]") {
  const std::string dir = test_dir("follow_files");
  const std::string result = dir + "/run.h5", live = dir + "/run.live.h5";
  Follower f(result);
  CHECK_FALSE(f.poll());  // nothing written yet
  write_bytes(live, 100);
  CHECK(f.poll() == live);
  CHECK_FALSE(f.poll());  // unchanged
  write_bytes(live, 200);  // a newer snapshot
  touch_later(live, 1);
  CHECK(f.poll() == live);
  CHECK_FALSE(f.finished());
  write_bytes(result, 300);  // the run ends: the result is newer than the last snapshot
  touch_later(result, 5);
  CHECK(f.poll() == result);
  CHECK(f.finished());
  CHECK_FALSE(f.poll());
}

TEST_CASE("an older result does not hide a run that is writing the same name again", "[follow]") {
  const std::string dir = test_dir("follow_rerun");
  const std::string result = dir + "/run.h5", live = dir + "/run.live.h5";
  write_bytes(result, 300);  // a previous run's result
  Follower f(result);
  CHECK(f.poll() == result);
  CHECK_FALSE(f.finished());  // no run was followed
  write_bytes(live, 100);
  touch_later(live, 5);  // a new run's first snapshot
  CHECK(f.poll() == live);
}

TEST_CASE("a real run followed from its first snapshot to its result", "[follow][cli]") {
  const std::string dir = test_dir("follow_run");
  const std::string out = dir + "/live_run.h5";
  const std::string cmd = std::string("\"") + SWSIM_BIN + "\" run --scenario \"" + SWSIM_SOURCE_DIR +
                          "/scenarios/baseline.ini\" --scale 0.05 --days 92 --replicates 4 --threads 1 --live 0.05 "
                          "--quiet --out \"" +
                          out + "\" > \"" + dir + "/log\" 2>&1 &";
  REQUIRE(std::system(cmd.c_str()) == 0);
  Follower f(out);
  int snapshots = 0, last_days = 0;
  bool grew = true;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  while (!f.finished() && std::chrono::steady_clock::now() < deadline) {
    const auto next = f.poll();
    if (!next) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    if (*next != out) {
      Dataset d;
      try {
        d = load_dataset(*next);
      } catch (const std::exception&) {
        continue;  // removed between the poll and the open: the run has just ended
      }
      ++snapshots;
      CHECK(d.live_days_total == 92);
      CHECK(d.days < 92);
      grew = grew && d.days >= last_days;
      last_days = d.days;
      CHECK_THAT(run_label(d), Contains("running: day " + std::to_string(d.days) + " of 92"));
    }
  }
  REQUIRE(f.finished());
  CHECK(snapshots >= 1);
  CHECK(grew);
  const Dataset done = load_dataset(out);
  CHECK(done.days == 92);
  CHECK(done.live_days_total == 0);  // the result is not a snapshot
  CHECK_FALSE(std::filesystem::exists(live_path_for(out)));  // the snapshot is gone with the run
}
