#!/usr/bin/env bash
# Command 1 of the README: install what swsim needs, build it (Release), run the baseline Jinan scenario
# and print a summary table. Run from anywhere, as root (or with sudo available) on Debian 12.
#   SWSIM_SCALE=0.25 bash scripts/quickstart.sh   # a quarter of Jinan's stations, for slow machines
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"

mkdir -p out
./build/sim/swsim run --scenario scenarios/baseline.ini --scale "${SWSIM_SCALE:-1.0}" --out out/baseline.h5
echo
./build/analysis/swsim-analyze summary out/baseline.h5
echo
echo "Result file: out/baseline.h5  (open it with: /usr/bin/python3 -c \"import xarray as xr; print(xr.open_dataset('out/baseline.h5', engine='h5netcdf'))\")"
