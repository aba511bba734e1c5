#include "viz_test_files.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include <unistd.h>

namespace viz_test {
namespace {

// Each test process makes its own files (ctest runs test cases as separate processes in parallel, and two
// runs may not write one output at once).
std::string own(const std::string& name) {
  const auto dot = name.rfind('.');
  std::string out = name.substr(0, dot);
  out += '-';
  out += std::to_string(::getpid());
  if (dot != std::string::npos) out += name.substr(dot);
  return out;
}

std::string make(const std::string& name, const std::string& extra) {
  std::filesystem::create_directories(VIZ_TEST_DIR);
  const std::string out = std::string(VIZ_TEST_DIR) + "/" + own(name);
  const std::string cmd = std::string("\"") + SWSIM_BIN + "\" run --scenario \"" + SWSIM_SOURCE_DIR +
                          "/scenarios/baseline.ini\" --scale 0.05 --days 20 --quiet --out \"" + out + "\" " +
                          extra;
  if (std::system(cmd.c_str()) != 0) throw std::runtime_error("cannot make test result: " + cmd);
  return out;
}

}  // namespace

const std::string& baseline_result() {
  static const std::string path = make("unit_baseline.h5", "");
  return path;
}

const std::string& one_worker_result() {
  static const std::string path = make("unit_one_worker.h5", "--set staffing.social_workers_per_station=1");
  return path;
}

const std::string& replicates_result() {
  static const std::string path = make("unit_replicates.h5", "--replicates 3");
  return path;
}

const std::string& replicates_one_worker_result() {
  static const std::string path =
      make("unit_replicates_one_worker.h5", "--replicates 3 --set staffing.social_workers_per_station=1");
  return path;
}

const std::string& sweep_index() {
  static const std::string path = [] {
    const std::string ini = write_file(own("unit_sweep.ini"), "[run]\ndays = 10\nscale = 0.05\n[sweep]\n"
                                                         "staffing.social_workers_per_station = 1, 4\n");
    const std::string dir = std::string(VIZ_TEST_DIR) + "/" + own("unit_sweep");
    const std::string cmd = std::string("\"") + SWSIM_BIN + "\" sweep --scenario \"" + ini + "\" --out-dir \"" +
                            dir + "\" --quiet";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("cannot make test sweep: " + cmd);
    return dir + "/sweep.h5";
  }();
  return path;
}

std::string write_file(const std::string& name, const std::string& content) {
  std::filesystem::create_directories(VIZ_TEST_DIR);
  const std::string path = std::string(VIZ_TEST_DIR) + "/" + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

}  // namespace viz_test
