// What swsim-bench prints (docs/performance.md, "Reading the output"): the machine, the whole-process
// table, the in-process phase table, per-day times, the bit-identity check and the targets verdict.
#pragma once

#include <string>

#include "measure.hpp"
#include "options.hpp"

namespace swsim::bench {

// Version, machine, build, scenario, runs and the load at the start.
void print_machine(const BenchOptions& opt);

// Whole `swsim run` processes: wall, CPU, RSS, output size, speed-up and hash per case and thread count.
void print_process_table(const BenchOptions& opt, const Measurements& m);

// In-process phases (median seconds) per case and thread count.
void print_phase_table(const BenchOptions& opt, const Measurements& m);

// The day loop's time per simulated day, last run of each case (--per-day).
void print_per_day(const Measurements& m);

// Prints, per scale and day count, whether every output file and every in-process Results hash alike;
// true when all do.
bool check_bit_identity(const BenchOptions& opt, const Measurements& m);

// PASS/FAIL for each target, from the whole-process runs at scale 1 and 92 days.
void print_targets(const BenchOptions& opt, const Measurements& m, bool identical);

// The load average at the end and, with --wait-idle, how busy the machine was before the runs.
void print_load_summary(const BenchOptions& opt, const Measurements& m, const std::string& load_end);

}  // namespace swsim::bench
