#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for a short time.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]    SECONDS per target (default 60); targets: scenario weather
#                                            geojson boundaries sweep results
#
# Everything it writes goes under build-fuzz/ (gitignored): the binaries, the growing corpus
# (build-fuzz/corpus/<target>, seeded from fuzz/corpus/<target>) and crash artifacts
# (build-fuzz/artifacts/<target>/crash-*, reproduce with: build-fuzz/fuzz_<target> FILE).
# Exits non-zero when a fuzzer finds a crash, a leak, undefined behaviour or a timeout.
# Needs clang++-14 and libclang-rt-14-dev (libFuzzer, ASan and UBSan runtimes), libboost-program-options-dev
# and librandom123-dev.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(scenario weather geojson boundaries sweep results)
out="${SWSIM_FUZZ_DIR:-$root/build-fuzz}"
cxx="${CXX_FUZZ:-$(command -v clang++-14 || command -v clang++ || true)}"
if [[ -z "$cxx" ]]; then
  echo "fuzz.sh: clang++ not found (apt-get install -y clang-14 libclang-rt-14-dev)" >&2
  exit 2
fi
mkdir -p "$out"

flags=(-std=c++20 -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined
       -fno-sanitize-recover=all -ffp-contract=off -I"$root/sim" -I"$root/viz")
sim="$root/sim/swsim"
declare -A sources=(
  [scenario]="$root/fuzz/fuzz_scenario.cpp $sim/config/scenario.cpp $sim/config/parameters.cpp $sim/util/date.cpp"
  [weather]="$root/fuzz/fuzz_weather.cpp $sim/weather/weather.cpp $sim/config/parameters.cpp $sim/util/date.cpp"
  [geojson]="$root/fuzz/fuzz_geojson.cpp $root/viz/model/geojson.cpp $sim/geo/json.cpp"
  [boundaries]="$root/fuzz/fuzz_boundaries.cpp $sim/geo/geojson.cpp $sim/geo/json.cpp $sim/geo/polygon.cpp $sim/world/geography.cpp"
  [sweep]="$root/fuzz/fuzz_sweep.cpp $sim/config/scenario.cpp $sim/config/parameters.cpp $sim/util/date.cpp"
  [results]="$root/fuzz/fuzz_results.cpp $root/analysis/reader/result_file.cpp -I$root/analysis $(pkg-config --cflags hdf5-serial)"
)
declare -A libs=([scenario]="-lboost_program_options" [weather]="" [geojson]="" [boundaries]="" [sweep]="-lboost_program_options"
                 [results]="$(pkg-config --libs hdf5-serial) -lhdf5_serial_hl")

for t in "${targets[@]}"; do
  [[ -n "${sources[$t]:-}" ]] || { echo "fuzz.sh: unknown target '$t' (scenario, weather, geojson, boundaries, sweep, results)" >&2; exit 2; }
  echo "== building fuzz_$t"
  # shellcheck disable=SC2086
  "$cxx" "${flags[@]}" ${sources[$t]} ${libs[$t]} -o "$out/fuzz_$t"
done

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
# Leaks inside libhdf5 on damaged files (fuzz/lsan_hdf5.supp) are the library's, not the reader's.
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$root/fuzz/lsan_hdf5.supp}"
status=0
for t in "${targets[@]}"; do
  corpus="$out/corpus/$t"
  artifacts="$out/artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  if [[ $t == results && -x "$root/build/sim/swsim" ]]; then  # seeds: a real result, cut and bit-flipped
    /usr/bin/python3 "$root/fuzz/make_results_corpus.py" "$root/build/sim/swsim" "$root/scenarios/baseline.ini" \
      "$out/seed_results" && cp -n "$out/seed_results"/* "$corpus"/
  fi
  dict=("-dict=$root/fuzz/$t.dict")
  [[ -f "$root/fuzz/$t.dict" ]] || dict=()
  echo "== fuzzing $t for ${seconds}s (corpus $corpus, artifacts $artifacts)"
  dict_file="$root/fuzz/${t/boundaries/geojson}.dict"
  [[ -f "$dict_file" ]] && dict=("-dict=$dict_file")
  if ! "$out/fuzz_$t" "$corpus" "$root/fuzz/corpus/$t" "${dict[@]}" \
        -max_total_time="$seconds" -max_len=$([[ $t == results ]] && echo 1048576 || echo 4096) -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$artifacts/" -print_final_stats=1 >"$out/$t.log" 2>&1; then
    status=1
    echo "!! fuzz_$t failed; last lines of $out/$t.log:"
    tail -n 40 "$out/$t.log"
  else
    grep -E "^(stat::number_of_executed_units|stat::new_units_added)" "$out/$t.log" | sed "s/^/   /" || true
  fi
done
if [[ $status -ne 0 ]]; then
  echo "fuzz.sh: a fuzzer found a problem; inputs are in $out/artifacts/<target>/" >&2
fi
exit $status
