#include "model/whatif.hpp"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

extern char** environ;

namespace swsim::viz {
namespace {

std::string trim(const std::string& x) {
  const auto b = x.find_first_not_of(" \t\r");
  const auto e = x.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : x.substr(b, e - b + 1);
}

bool executable(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

}  // namespace

std::vector<ScenarioParam> scenario_params(const std::string& ini_text) {
  std::vector<ScenarioParam> out;
  std::istringstream in(ini_text);
  std::string line, section;
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line[0] == '[') {
      section = trim(line.substr(1, line.find(']') - 1));
      continue;
    }
    const auto eq = line.find('=');
    if (eq == std::string::npos || section.empty()) continue;
    out.push_back({section, trim(line.substr(0, eq)), trim(line.substr(eq + 1))});
  }
  return out;
}

std::string find_swsim(const std::string& self_exe) {
  if (const char* env = std::getenv("SWSIM_BIN"); env && *env) return env;
  if (!self_exe.empty()) {
    const auto dir = std::filesystem::path(self_exe).parent_path();
    for (const auto& p : {dir / "swsim", dir / ".." / "sim" / "swsim"})
      if (executable(p)) return std::filesystem::weakly_canonical(p).string();
  }
  return "swsim";
}

WhatIfRun::~WhatIfRun() {
  cancel();
}

std::string WhatIfRun::start(const std::string& swsim, const std::string& scenario_name,
                             const std::string& scenario_text, const std::string& override_kv) {
  if (state_ == State::kRunning) return "a what-if run is still going";
  error_.clear();
  override_ = override_kv;
  if (override_kv.find('=') == std::string::npos) return "expected KEY=VALUE, got '" + override_kv + "'";
  if (scenario_text.empty()) return "the file has no scenario text to run again";
  std::string tmpl = (std::filesystem::temp_directory_path() / "swsim-viz-whatif-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) return "cannot make a temporary folder in " + std::filesystem::temp_directory_path().string();
  dir_ = tmpl;
  const std::string name = scenario_name.empty() ? "scenario.ini" : std::filesystem::path(scenario_name).filename().string();
  const std::string ini = dir_ + "/" + name;
  {
    std::ofstream f(ini, std::ios::binary);
    f << scenario_text;
    if (!f) return "cannot write " + ini;
  }
  output_ = dir_ + "/whatif.h5";
  log_ = dir_ + "/swsim.log";
  std::vector<std::string> args = {swsim, "run", "--scenario", ini, "--set", override_kv, "--out", output_, "--quiet"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&fa, STDOUT_FILENO, STDERR_FILENO);
  posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  const int rc = swsim.find('/') == std::string::npos ? posix_spawnp(&pid_, swsim.c_str(), &fa, nullptr, argv.data(), environ)
                                                        : posix_spawn(&pid_, swsim.c_str(), &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) {
    pid_ = -1;
    return "cannot start " + swsim + ": " + std::strerror(rc);
  }
  state_ = State::kRunning;
  t0_ = std::chrono::steady_clock::now();
  return {};
}

WhatIfRun::State WhatIfRun::poll() {
  if (state_ != State::kRunning) return state_;
  int status = 0;
  const pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r == 0) return state_;
  seconds_ = seconds();
  pid_ = -1;
  std::error_code ec;
  if (r > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 && std::filesystem::exists(output_, ec)) {
    state_ = State::kDone;
    return state_;
  }
  // swsim's last line says what went wrong (one line, by its rules).
  std::ifstream log(log_);
  std::string line, last;
  while (std::getline(log, line))
    if (!trim(line).empty()) last = trim(line);
  const int code = r > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  error_ = last.empty() ? "swsim run failed (exit code " + std::to_string(code) + ")" : last;
  state_ = State::kFailed;
  return state_;
}

void WhatIfRun::cancel() {
  if (state_ != State::kRunning || pid_ <= 0) return;
  ::kill(pid_, SIGTERM);  // our own child, by its id
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  state_ = State::kFailed;
  error_ = "cancelled";
}

double WhatIfRun::seconds() const {
  if (state_ != State::kRunning) return seconds_;
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
}

}  // namespace swsim::viz
