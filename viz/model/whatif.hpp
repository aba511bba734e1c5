#pragma once
// What-if from the viewer: the parameters of the open file's scenario (its `scenario` attribute, every
// parameter with the value used), and a background `swsim run` of that scenario with one parameter
// changed. The run keeps the scenario's seeds, days and scale, so its result compared with the open
// file (B - A) is the effect of the change under common random numbers. No GUI here.
#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace swsim::viz {

struct ScenarioParam {
  std::string section, key, value;
  std::string name() const { return section + "." + key; }
};

// The `key = value` lines of INI text, by section, in order (comments and blank lines skipped).
std::vector<ScenarioParam> scenario_params(const std::string& ini_text);

// The swsim program: $SWSIM_BIN, else `swsim` beside `self_exe` (an install), else `../sim/swsim` from
// it (the build tree), else "swsim" (found on PATH when started).
std::string find_swsim(const std::string& self_exe);

class WhatIfRun {
 public:
  enum class State { kIdle, kRunning, kDone, kFailed };
  WhatIfRun() = default;
  ~WhatIfRun();  // stops a run still going
  WhatIfRun(const WhatIfRun&) = delete;
  WhatIfRun& operator=(const WhatIfRun&) = delete;

  // Writes `scenario_text` as `scenario_name` into a new temporary folder and starts
  // `swsim run --scenario FILE --set OVERRIDE --out FOLDER/whatif.h5 --quiet` in the background.
  // Returns "" or a one-line problem (then nothing runs).
  std::string start(const std::string& swsim, const std::string& scenario_name, const std::string& scenario_text,
                    const std::string& override_kv);
  State poll();  // does not block
  void cancel();
  State state() const { return state_; }
  const std::string& output() const { return output_; }  // the result file
  const std::string& error() const { return error_; }    // why it failed: swsim's message
  const std::string& override_kv() const { return override_; }
  double seconds() const;

 private:
  pid_t pid_ = -1;
  State state_ = State::kIdle;
  std::string dir_, output_, log_, error_, override_;
  std::chrono::steady_clock::time_point t0_{};
  double seconds_ = 0;
};

}  // namespace swsim::viz
