#!/usr/bin/env bash
# Sanitizer builds and test runs, in one go:
#   build-asan  AddressSanitizer + UndefinedBehaviorSanitizer, the whole ctest suite (without the
#               visualizer: its GL/Xvfb stack is not what we are checking)
#   build-tsan  ThreadSanitizer, the tests that run the parallel day loop (Catch2 tags [simulation],
#               [ensemble], [cli]; override with TSAN_TESTS='[tag],...')
#
#   scripts/sanitize.sh [asan|tsan]...    (default: both)
#
# Any sanitizer report fails the run: halt_on_error=1, and UBSan is compiled with
# -fno-sanitize-recover=all. TSan runs against a TSan-built oneTBB (see tsan_tbb below) and reads
# scripts/tsan.supp (empty: nothing needs hiding).
# Uses g++ (the project's compiler); build dirs are gitignored (/build*/).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
jobs="${JOBS:-$(nproc)}"
kinds=("$@")
[[ ${#kinds[@]} -gt 0 ]] || kinds=(asan tsan)

configure() {  # dir flags...
  local dir="$1" flags="$2"
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSWSIM_BUILD_VIZ=OFF -DSWSIM_BUILD_BENCH=OFF \
    "-DCMAKE_CXX_FLAGS=$flags" "-DCMAKE_C_FLAGS=$flags" \
    "-DCMAKE_EXE_LINKER_FLAGS=$flags" "-DCMAKE_SHARED_LINKER_FLAGS=$flags" >/dev/null
}

# A ThreadSanitizer build of Debian's oneTBB (apt-get source onetbb; needs a deb-src line, added here
# when missing). Prints the folder holding libtbb.so.12.
tsan_tbb() {
  local work="$root/build-tsan-tbb"
  local lib
  lib=$(find "$work" -name libtbb.so.12 -path "*build/*" 2>/dev/null | head -n 1)
  if [[ -n "$lib" ]]; then dirname "$lib"; return; fi
  mkdir -p "$work"
  if ! grep -rqs "deb-src" /etc/apt/sources.list /etc/apt/sources.list.d/; then
    printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      > /etc/apt/sources.list.d/swsim-deb-src.sources
    apt-get update -qq >&2
  fi
  (cd "$work" && apt-get source -qq onetbb >&2)
  local src
  src=$(find "$work" -maxdepth 1 -type d -name "onetbb-*" | head -n 1)
  cmake -S "$src" -B "$src/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTBB_TEST=OFF -DTBB_EXAMPLES=OFF \
    -DTBB_STRICT=OFF "-DCMAKE_CXX_FLAGS=-fsanitize=thread" "-DCMAKE_C_FLAGS=-fsanitize=thread" \
    "-DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=thread" >&2
  cmake --build "$src/build" -j"$jobs" --target tbb >&2
  dirname "$(find "$src/build" -name libtbb.so.12 | head -n 1)"
}

status=0
for kind in "${kinds[@]}"; do
  case "$kind" in
    asan)
      echo "== ASan + UBSan: build-asan"
      configure build-asan "-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
      cmake --build build-asan -j"$jobs"
      # detect_leaks: a leak is a failure too. The binaries' exit codes are checked by the tests, and a
      # sanitizer report makes the process exit with an error code and extra stderr lines.
      if ! ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1" \
           UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
           ctest --test-dir build-asan --output-on-failure -j"$jobs" --timeout 900; then
        status=1
        echo "!! ASan/UBSan: failures above"
      fi
      ;;
    tsan)
      echo "== TSan: build-tsan"
      # TSan must see oneTBB's own synchronisation, or every parallel_for join looks like a race:
      # build Debian's oneTBB source package with -fsanitize=thread (same version and ABI as libtbb12)
      # and put it first on LD_LIBRARY_PATH for the instrumented tests.
      tbb_lib="$(tsan_tbb)"
      configure build-tsan "-fsanitize=thread -fno-omit-frame-pointer"
      cmake --build build-tsan -j"$jobs" --target swsim swsim-analyze swsim_tests
      # Catch2 tags (comma = or): the simulation and ensemble tests run the day loop under several
      # thread counts; the [cli] tests run the instrumented swsim binary with --threads 1 and 2.
      if ! LD_LIBRARY_PATH="$tbb_lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
           TSAN_OPTIONS="halt_on_error=1:abort_on_error=1:second_deadlock_stack=1:suppressions=$root/scripts/tsan.supp" \
           build-tsan/tests/swsim_tests "${TSAN_TESTS:-[simulation],[ensemble],[world],[cli]}"; then
        status=1
        echo "!! TSan: failures above"
      fi
      ;;
    *) echo "sanitize.sh: unknown kind '$kind' (asan, tsan)" >&2; exit 2 ;;
  esac
done
[[ $status -eq 0 ]] && echo "sanitize.sh: no sanitizer reports"
exit $status
