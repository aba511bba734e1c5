#!/usr/bin/env bash
# Where the time goes in one `swsim run` (docs/performance.md, "Profile"). Builds swsim with the release
# flags plus -g -fno-omit-frame-pointer in a scratch folder (the source tree is not touched), then
#   1. callgrind (instruction counts, exact and repeatable, one thread) and prints the inclusive share of
#      each phase: scenario loading, weather, world building, the day loop (phase A needs, phase B lending,
#      phase C services) and writing HDF5;
#   2. perf (cpu-clock samples, wall-time view, the given thread count) when perf works here.
# Usage: bench/profile.sh [SCALE] [DAYS] [THREADS]     defaults: 0.1 92 2
# Environment: PROFILE_DIR (scratch folder, default /tmp/swsim-profile), SCENARIO (default baseline).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scale="${1:-0.1}"
days="${2:-92}"
threads="${3:-2}"
dir="${PROFILE_DIR:-/tmp/swsim-profile}"
scenario="${SCENARIO:-$here/scenarios/baseline.ini}"
mkdir -p "$dir"

cmake -S "$here" -B "$dir/build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS="-g -fno-omit-frame-pointer" \
  -DSWSIM_BUILD_VIZ=OFF -DSWSIM_BUILD_TESTS=OFF -DSWSIM_BUILD_BENCH=OFF >"$dir/cmake.log"
cmake --build "$dir/build" -j2 --target swsim >"$dir/build.log"
swsim="$dir/build/sim/swsim"
args=(run --scenario "$scenario" --scale "$scale" --days "$days" --out "$dir/out.h5" --quiet)

if command -v valgrind >/dev/null; then
  echo "== callgrind: scale $scale, $days days, 1 thread (instructions, inclusive) =="
  valgrind --tool=callgrind --callgrind-out-file="$dir/callgrind.out" "$swsim" "${args[@]}" --threads 1 \
    2>"$dir/callgrind.log"
  callgrind_annotate --inclusive=yes "$dir/callgrind.out" >"$dir/callgrind.txt" 2>/dev/null
  total=$(awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1; exit}' "$dir/callgrind.txt")
  # First (largest) inclusive line whose "file:function" part matches the extended regex, as a share of
  # the whole program. Functions the compiler inlined have no line of their own ("not found").
  share() {
    PAT="$2" LABEL="$1" TOTAL="$total" awk '
      $0 ~ ENVIRON["PAT"] {
        gsub(",", "", $1)
        printf "  %-44s %6.1f %%  (%.3g G instructions)\n", ENVIRON["LABEL"], 100 * $1 / ENVIRON["TOTAL"], $1 / 1e9
        found = 1
        exit
      }
      END { if (!found) printf "  %-44s  (not found: inlined?)\n", ENVIRON["LABEL"] }' "$dir/callgrind.txt"
  }
  end='( \[|$)'
  lambda='build_world\(swsim::Config const&\)::\{lambda\(tbb::detail::d1::blocked_range<'
  printf "  %-44s %6s    (%.3g G instructions)\n" "whole program" "100 %" "$(echo "$total / 1000000000" | bc -l)"
  share "load_scenario (reading the INI)" 'scenario\.cpp:swsim::load_scenario\('
  share "make_weather" 'weather\.cpp:swsim::make_weather\('
  share "build_world" 'world\.cpp:swsim::build_world\(swsim::Config const&\)'"$end"
  share "  world: homes + nearest station (parallel)" "$lambda"'long> const&\)#[0-9]+\}'
  share "  world: elder attributes (parallel)" "$lambda"'unsigned long> const&\)#[0-9]+\}'
  share "day loop: Simulation::step" 'simulation\.cpp:swsim::Simulation::step\(\)'"$end"
  share "  phase A: prepare_station (needs)" 'simulation\.cpp:swsim::Simulation::prepare_station\(int\)'"$end"
  share "    of which Philox draws (inlined)" 'philox\.h:swsim::Simulation::prepare_station\(int\)'
  share "  phase B: lend_staff" 'swsim::Simulation::lend_staff\(\)'"$end"
  share "  phase C: serve_station (services)" 'simulation\.cpp:swsim::Simulation::serve_station\(int\)'"$end"
  share "    of which dispatch_lunch" 'lunch\.cpp:swsim::dispatch_lunch\('
  share "    of which assign_task" 'schedule\.cpp:swsim::assign_task\('
  share "write_results (HDF5)" 'result_writer\.cpp:swsim::write_results\('
  echo "  (full listing: $dir/callgrind.txt; open $dir/callgrind.out in kcachegrind for the call graph)"
fi

if command -v perf >/dev/null && perf record -e cpu-clock -o "$dir/probe.data" -- true >/dev/null 2>&1; then
  echo
  echo "== perf: scale $scale, $days days, $threads threads (cpu-clock samples, self time, top 25) =="
  perf record -e cpu-clock -F 999 -g -o "$dir/perf.data" -- "$swsim" "${args[@]}" --threads "$threads" \
    >/dev/null 2>"$dir/perf.log"
  perf report -i "$dir/perf.data" --no-children --sort symbol --stdio 2>/dev/null |
    grep -E '^ +[0-9.]+%' | head -25 | cut -c1-150 || true
  echo "  (perf report -i $dir/perf.data --children for inclusive times)"
fi
