#pragma once
// Helpers for the reliability tests: a private temporary folder, files with exact bytes, running a
// binary with its stdout and stderr captured, and a small swsim result to damage.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace reliability {

struct Outcome {
  int code;
  std::string out, err;
};

inline std::string tmp_dir() {
  static const std::string dir = [] {
    std::string leaf = "p";  // (not "p" + to_string(): GCC 12 warns falsely, -Wrestrict)
    leaf += std::to_string(::getpid());
    const auto d = std::filesystem::path(RELIABILITY_TMP) / leaf;
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return d.string();
  }();
  return dir;
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Writes exactly these bytes (no newline translation) and returns the path.
inline std::string write_file(const std::string& name, const std::string& bytes) {
  const std::string path = tmp_dir() + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

inline Outcome run(const std::string& command) {
  const std::string out = tmp_dir() + "/stdout", err = tmp_dir() + "/stderr";
  const std::string cmd = command + " >" + out + " 2>" + err + " </dev/null";
  const int status = std::system(cmd.c_str());
  return Outcome{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

inline int count_lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

// A small result file made once per test process.
inline std::string small_result() {
  static const std::string path = [] {
    const std::string p = tmp_dir() + "/small.h5";
    const Outcome o = run(std::string(SWSIM_BIN) + " run --scenario " + SWSIM_SOURCE_DIR +
                          "/scenarios/baseline.ini --scale 0.01 --days 5 --quiet --out " + p);
    if (o.code != 0) throw std::runtime_error("could not make a small result: " + o.err);
    return p;
  }();
  return path;
}

// Runs a Python snippet with h5py; `args` follow the script (sys.argv[1:]).
inline void python(const std::string& script, const std::string& args) {
  const std::string file = write_file("script.py", script);
  const Outcome o = run(std::string(SWSIM_PYTHON) + " " + file + " " + args);
  if (o.code != 0) throw std::runtime_error("python failed: " + o.err);
}

}  // namespace reliability
