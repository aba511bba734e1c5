// swsim-bench: performance benchmark of swsim (method and figures in docs/performance.md).
//
// For each scale, day count and thread count it
//   * times whole processes of `swsim run` (fork/exec; wall time, user+system CPU time and peak resident
//     memory of the child from wait4(), output file size), the way the targets are checked;
//   * runs the library in-process (load_scenario -> make_weather -> build_world -> Simulation::run ->
//     write_results) under tbb::global_control and times each phase separately;
//   * hashes the results (the Results arrays in-process; every dataset and attribute of the HDF5 file
//     except the command_line attribute for whole processes) and checks they are bit-identical for
//     every thread count.
// Repeats are interleaved over thread counts (rep 1 at 1, 2 threads, rep 2 at 1, 2 threads, ...) so slow
// drifts in machine load hit all thread counts alike; medians and minima are reported.
// It prints readable tables and, at scale 1 and 92 days, PASS/FAIL for each target.
//
// The steps live in options.cpp (command line), measure.cpp (runs and the machine), h5_digest.cpp (result
// hashes) and report.cpp (tables and verdicts).
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "ensemble.hpp"
#include "h5_digest.hpp"
#include "measure.hpp"
#include "options.hpp"
#include "report.hpp"

namespace fs = std::filesystem;
using namespace swsim::bench;

namespace {

// The folder for result files: --workdir, or a fresh one under /tmp that is removed afterwards.
struct WorkDir {
  fs::path path;
  bool own = false;
};

std::optional<WorkDir> make_workdir(const BenchOptions& opt) {
  if (!opt.workdir.empty()) {
    std::error_code ec;
    fs::create_directories(opt.workdir, ec);
    if (ec) {
      std::cerr << "swsim-bench: cannot create --workdir " << opt.workdir << ": " << ec.message() << "\n";
      return std::nullopt;
    }
    return WorkDir{opt.workdir, false};
  }
  char tmpl[] = "/tmp/swsim-bench.XXXXXX";
  if (!mkdtemp(tmpl)) {
    std::perror("swsim-bench: mkdtemp");
    return std::nullopt;
  }
  return WorkDir{tmpl, true};
}

// --csv FILE opened with its header; false when it cannot be written.
bool open_csv(const BenchOptions& opt, std::ofstream& csv) {
  if (opt.csv_path.empty()) return true;
  csv.open(opt.csv_path);
  if (!csv) {
    std::cerr << "swsim-bench: cannot write " << opt.csv_path << "\n";
    return false;
  }
  write_csv_header(csv);
  return true;
}

// --hash FILE: prints the file's result hash; 2 (bad input) when it cannot be read.
int print_file_hash(const std::string& file) {
  const auto d = hash_h5_file(file);
  if (!d) {
    std::cerr << "swsim-bench: cannot read " << file << " as an swsim result file\n";
    return 2;
  }
  std::printf("%s  %s  (%lld elders)\n", hex(d->hs.h).c_str(), file.c_str(),
              static_cast<long long>(d->elders));
  return 0;
}

void clean_up(const BenchOptions& opt, const WorkDir& workdir) {
  if (opt.keep) std::printf("result files kept in %s\n", workdir.path.c_str());
  if (workdir.own && !opt.keep) {
    std::error_code ec;
    fs::remove_all(workdir.path, ec);
  }
}

}  // namespace

int main(int argc, char** argv) {
  BenchOptions opt;
  try {
    opt = parse_options(argc, argv);
  } catch (const OptionError& e) {
    std::cerr << "swsim-bench: " << e.what() << "\n";
    return 2;
  }
  if (opt.help) {
    std::cout << opt.help_text << "\n";
    return 0;
  }
  quiet_hdf5_errors();  // read errors are reported by the benchmark itself
  if (!opt.hash_file.empty()) return print_file_hash(opt.hash_file);

  std::ofstream csv;
  if (!open_csv(opt, csv)) return 2;
  const auto workdir = make_workdir(opt);
  if (!workdir) return opt.workdir.empty() ? 1 : 2;

  print_machine(opt);
  const Measurements m = run_cases(opt, workdir->path, csv.is_open() ? &csv : nullptr);
  const std::string load_end = loadavg();

  print_process_table(opt, m);
  print_phase_table(opt, m);
  if (opt.per_day && opt.do_inproc) print_per_day(m);
  const bool identical = check_bit_identity(opt, m);
  print_targets(opt, m, identical);
  const EnsembleFigures ens = run_ensembles(opt, workdir->path);
  const bool ens_ok = print_ensembles(ens);
  print_load_summary(opt, m, load_end);

  clean_up(opt, *workdir);
  return m.failures == 0 && identical && ens_ok ? 0 : 1;
}
