#!/usr/bin/env bash
# Checks of the installed swsim (ctest runs each step as its own test; see CMakeLists.txt here).
#   check_install.sh install   BUILD WORK          cmake --install into WORK/staging, then move it to WORK/prefix
#                                                  (the programs must not depend on where they were installed)
#   check_install.sh programs  WORK VIZ MAN        run the installed programs from WORK/prefix
#   check_install.sh consumer  WORK SOURCE_DIR [-D...]  build and run tests/install/consumer against WORK/prefix
#   check_install.sh completion BUILD SOURCE_DIR   the bash completions, with bash-completion's helpers
#   check_install.sh hdf5      SOURCE_DIR WORK     the HDF5 lookup refuses a (stand-in) parallel HDF5
#   check_install.sh deb       BUILD WORK MAN      cpack -G DEB, dpkg-deb -x into WORK/root, run from there
# VIZ/MAN are ON/OFF: whether swsim-viz and the man pages were built. Exit 77 = skipped (ctest SKIP).
set -euo pipefail
step="$1"
shift

fail() { echo "FAIL: $*" >&2; exit 1; }
need_file() { [[ -f "$1" ]] || fail "missing $1"; }
# Seconds since the start of this script, for the timing lines.
now_ms() { echo $(($(date +%s%N) / 1000000)); }
since() { local ms=$(($(now_ms) - $1)); printf "%d.%02d" $((ms / 1000)) $((ms % 1000 / 10)); }
t0=$(now_ms)
elapsed() { since "$t0"; }

case "$step" in
  install)
    build="$1" work="$2"
    rm -rf "$work" && mkdir -p "$work"
    cmake --install "$build" --prefix "$work/staging" >"$work/install.log"
    mv "$work/staging" "$work/prefix"
    p="$work/prefix"
    need_file "$p/bin/swsim"
    need_file "$p/bin/swsim-analyze"
    need_file "$p/share/swsim/scenarios/baseline.ini"
    need_file "$p/share/swsim/swsim_report.py"
    need_file "$p/share/swsim/examples/open_results.py"
    need_file "$p/share/doc/swsim/README.md"
    need_file "$p/share/doc/swsim/docs/user-guide.md"
    need_file "$p/share/bash-completion/completions/swsim"
    need_file "$p/share/bash-completion/completions/swsim-analyze"
    need_file "$p/include/swsim/simulation/simulation.hpp"
    config=$(find "$p" -name swsimConfig.cmake)
    [[ -n "$config" ]] || fail "no swsimConfig.cmake under $p"
    need_file "$(dirname "$config")/swsimConfigVersion.cmake"
    need_file "$(dirname "$config")/swsimTargets.cmake"
    [[ -n "$(find "$p" -name libswsim_core.a)" ]] || fail "no libswsim_core.a under $p"
    # Nothing installed may point back into the source or build tree (the man pages name the prefix
    # they were installed into, which is in the build tree here).
    src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    if grep -rao --binary-files=text -e "$src/[^ \"']*" -e "$(cd "$build" && pwd)/[^ \"']*" "$p" \
         | grep -v '\.md:' | grep -v ":$work/staging/"; then
      fail "the files above contain a path of the source or build tree"
    fi
    if [[ -f "$p/share/man/man1/swsim.1" ]]; then
      grep -q "$work/staging/share/swsim/scenarios" "$p/share/man/man1/swsim.1" \
        || fail "swsim.1 does not name the scenarios under the install prefix"
    fi
    echo "installed $(find "$p" -type f | wc -l) files into $p in $(elapsed) s"
    ;;

  programs)
    work="$1" viz="$2" man="$3"
    p="$work/prefix" out="$work/run"
    rm -rf "$out" && mkdir -p "$out"
    [[ "$("$p/bin/swsim" --version)" == "swsim "* ]] || fail "swsim --version"
    [[ "$("$p/bin/swsim-analyze" --version)" == "swsim-analyze "* ]] || fail "swsim-analyze --version"
    if [[ "$viz" == ON ]]; then
      need_file "$p/bin/swsim-viz"
      [[ "$("$p/bin/swsim-viz" --version)" == "swsim-viz "* ]] || fail "swsim-viz --version"
      need_file "$p/share/bash-completion/completions/swsim-viz"
    fi
    if [[ "$man" == ON ]]; then
      for prog in swsim swsim-analyze $([[ "$viz" == ON ]] && echo swsim-viz); do
        page="$p/share/man/man1/$prog.1"
        need_file "$page"
        grep -q '^\.SH SYNOPSIS\|^\.SH DESCRIPTION' "$page" || fail "$page has no SYNOPSIS/DESCRIPTION"
        grep -q '^\.SH "SEE ALSO"' "$page" || fail "$page has no SEE ALSO section"
        if command -v man >/dev/null; then
          MANPATH="$p/share/man" man -P cat "$prog" >/dev/null 2>&1 || fail "man $prog does not render"
        fi
      done
    fi
    env -u SWSIM_REPORT_SCRIPT "$p/bin/swsim" run --scenario "$p/share/swsim/scenarios/baseline.ini" \
      --scale 0.02 --days 5 --out "$out/base.h5" --quiet
    "$p/bin/swsim-analyze" summary "$out/base.h5" >"$out/summary.txt"
    grep -q "Jinan (simulated stations)" "$out/summary.txt" || fail "swsim-analyze summary from $p"
    # The report script is found in <prefix>/share/swsim from the program's own path.
    env -u SWSIM_REPORT_SCRIPT "$p/bin/swsim-analyze" report --out "$out/report" "$out/base.h5" >"$out/report.log"
    need_file "$out/report/report.md"
    echo "programs ran from $p in $(elapsed) s"
    ;;

  consumer)
    work="$1" source="$2"
    shift 2  # the rest: the build's compiler and flags (a sanitizer build's library needs its runtime)
    b="$work/consumer-build"
    rm -rf "$b"
    cmake -S "$source/tests/install/consumer" -B "$b" -DCMAKE_BUILD_TYPE=Release "$@" \
      -DCMAKE_PREFIX_PATH="$work/prefix" >"$work/consumer-configure.log" \
      || { cat "$work/consumer-configure.log"; fail "configuring the consumer against $work/prefix"; }
    cmake --build "$b" >"$work/consumer-build.log" || { cat "$work/consumer-build.log"; fail "building the consumer"; }
    "$b/swsim_consumer"
    echo "consumer configured, built and ran in $(elapsed) s"
    ;;

  completion)
    build="$1" source="$2"
    bc=/usr/share/bash-completion/bash_completion
    [[ -f "$bc" ]] || { echo "SKIP: bash-completion is not installed"; exit 77; }
    export PATH="$build/sim:$build/analysis:$build/viz:$PATH"
    # complete LINE: the candidates bash would offer for the last word of LINE.
    bash --norc --noprofile -c '
      set -u
      source "$1"; shift
      dir="$1"; shift
      for f in swsim swsim-analyze swsim-viz; do source "$dir/$f"; done
      complete_line() {
        local line="$1"
        read -ra COMP_WORDS <<<"$line"
        [[ "$line" == *" " ]] && COMP_WORDS+=("")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE="$line"; COMP_POINT=${#line}
        COMPREPLY=()
        local fn; fn=$(complete -p "${COMP_WORDS[0]}" | sed -E "s/.*-F ([^ ]+).*/\1/")
        "$fn" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]:-}"
        printf "%s\n" "${COMPREPLY[@]}"
      }
      expect() {  # LINE WORD: WORD is among the candidates for LINE
        complete_line "$1" | grep -qx -- "$2" || { echo "FAIL: completing \"$1\" does not offer $2"; complete_line "$1" | head -n 20; exit 1; }
      }
      expect "swsim " run
      expect "swsim " sweep
      expect "swsim run --sc" --scenario
      expect "swsim run --" --replicates
      expect "swsim sweep --" --out-dir
      expect "swsim run --he" --help
      [[ $(complete_line "swsim run --" | sort | uniq -d) == "" ]] || { echo "FAIL: repeated candidates"; exit 1; }
      expect "swsim params --format " ini
      expect "swsim " validate
      expect "swsim validate --format " csv
      expect "swsim run --set staffing.social" staffing.social_workers_per_station=
      expect "swsim-analyze " summary
      expect "swsim-analyze summary --format " csv
      expect "swsim-analyze report --" --title
      if command -v swsim-viz >/dev/null; then
        expect "swsim-viz x.h5 --bou" --boundaries
        expect "swsim-viz x.h5 --view " diff
      fi
      echo "bash completions offer the expected words"
    ' _ "$bc" "$source/packaging/bash-completion"
    ;;

  hdf5)
    source="$1" work="$2"
    real=$(command -v h5cc) || { echo "SKIP: no h5cc (libhdf5-dev)"; exit 77; }
    rm -rf "$work" && mkdir -p "$work/bin"
    # A stand-in for an MPI build's h5pcc: the serial library, but reporting "Parallel HDF5: yes".
    printf '#!/bin/sh\nif [ "$1" = -showconfig ]; then "%s" "$@" | sed "s/Parallel HDF5: no/Parallel HDF5: yes/"; else exec "%s" "$@"; fi\n' \
      "$real" "$real" >"$work/bin/h5pcc"
    chmod +x "$work/bin/h5pcc"
    if cmake -S "$source/tests/install/hdf5_parallel" -B "$work/parallel" -DSWSIM_SOURCE_DIR="$source" \
         -DHDF5_C_COMPILER_EXECUTABLE="$work/bin/h5pcc" >"$work/parallel.log" 2>&1; then
      cat "$work/parallel.log"; fail "a parallel HDF5 was accepted"
    fi
    grep -q "swsim needs the serial HDF5 library, but the one found is built with MPI" "$work/parallel.log" \
      || { cat "$work/parallel.log"; fail "no clear message for a parallel HDF5"; }
    # Both wrappers in one folder on PATH, as Debian installs them in /usr/bin: the serial h5cc is taken.
    ln -s "$real" "$work/bin/h5cc"
    PATH="$work/bin:$PATH" cmake -S "$source/tests/install/hdf5_parallel" -B "$work/serial" \
      -DSWSIM_SOURCE_DIR="$source" >"$work/serial.log" 2>&1 || { cat "$work/serial.log"; fail "serial HDF5 refused"; }
    grep -q "swsim HDF5 lookup: .*/h5cc, parallel=FALSE" "$work/serial.log" || { cat "$work/serial.log"; fail "serial lookup"; }
    echo "a parallel HDF5 is refused with one message; the serial h5cc is chosen first ($(elapsed) s)"
    ;;

  deb)
    build="$1" work="$2" man="$3"
    for tool in dpkg-deb dpkg-shlibdeps cpack; do
      command -v "$tool" >/dev/null || { echo "SKIP: $tool not found (the .deb needs Debian's dpkg-dev)"; exit 77; }
    done
    rm -rf "$work" && mkdir -p "$work"
    t_cpack=$(now_ms)
    (cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/pkg" >"$work/cpack.log") \
      || { cat "$work/cpack.log"; fail "cpack -G DEB"; }
    echo "cpack: $(since "$t_cpack") s"
    deb=$(ls "$work"/pkg/swsim_*.deb)
    dev=$(ls "$work"/pkg/swsim-dev_*.deb)
    echo "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB) and $(basename "$dev")"
    [[ "$(dpkg-deb -f "$deb" Package)" == swsim ]] || fail "package name"
    dpkg-deb -c "$deb" >"$work/contents.txt"
    depends=$(dpkg-deb -f "$deb" Depends)
    echo "Depends: $depends"
    for lib in libtbb12 libhdf5-103-1 libhdf5-hl-100 libboost-program-options1.74.0 libstdc++6 python3 \
               python3-xarray python3-matplotlib python3-h5py; do
      [[ ",$depends," == *[,\ ]"$lib"[,\ \(]* ]] || fail "Depends lacks $lib"
    done
    if grep -q '/usr/bin/swsim-viz$' "$work/contents.txt"; then
      for lib in libglfw3 libgl1 fonts-wqy-microhei; do
        [[ ",$depends," == *[,\ ]"$lib"[,\ \(]* ]] || fail "Depends lacks $lib (swsim-viz)"
      done
    fi
    root="$work/root"
    dpkg-deb -x "$deb" "$root"
    for f in usr/bin/swsim usr/bin/swsim-analyze usr/share/swsim/scenarios/baseline.ini \
             usr/share/swsim/swsim_report.py usr/share/doc/swsim/README.md \
             usr/share/bash-completion/completions/swsim; do
      need_file "$root/$f"
    done
    if [[ "$man" == ON ]]; then
      need_file "$root/usr/share/man/man1/swsim.1"
      grep -q '^\.I /usr/share/swsim/scenarios/\*\.ini' "$root/usr/share/man/man1/swsim.1" \
        || fail "swsim.1 in the package does not name /usr/share/swsim/scenarios"
    fi
    # The licence file Debian policy asks for, in both packages, machine-readable (copyright-format 1.0).
    need_file "$root/usr/share/doc/swsim/copyright"
    "${SWSIM_PYTHON:-python3}" "$(dirname "$0")/check_copyright.py" "$root/usr/share/doc/swsim/copyright" \
      || fail "usr/share/doc/swsim/copyright is not machine-readable debian/copyright"
    grep -q 'usr/include/' "$work/contents.txt" && fail "the runtime package carries headers (they belong in swsim-dev)"
    dpkg-deb -c "$dev" >"$work/dev-contents.txt"
    grep -q 'swsimConfig.cmake' "$work/dev-contents.txt" || fail "swsim-dev has no swsimConfig.cmake"
    grep -q '^-rw-r--r-- .* \./usr/share/doc/swsim-dev/copyright$' "$work/dev-contents.txt" \
      || fail "swsim-dev has no regular file usr/share/doc/swsim-dev/copyright"
    # The baseline, small, from the unpacked package; then its summary.
    "$root/usr/bin/swsim" run --scenario "$root/usr/share/swsim/scenarios/baseline.ini" --scale 0.05 --days 7 \
      --out "$work/baseline.h5" --quiet
    "$root/usr/bin/swsim-analyze" summary "$work/baseline.h5" >"$work/summary.txt"
    head -n 24 "$work/summary.txt"
    grep -q "Jinan (simulated stations)" "$work/summary.txt" || fail "summary from the package"
    echo "package built, unpacked and run in $(elapsed) s"
    ;;

  *) fail "unknown step '$step'" ;;
esac
