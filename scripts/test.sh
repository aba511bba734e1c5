#!/usr/bin/env bash
# Command 2 of the README (and what CI runs): install what swsim needs, build everything with the tests,
# and run the whole test suite with ctest.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/install-deps.sh
# An MPI build of swsim (when Open MPI is installed), checked against the one-process build by ctest.
mpi_opt=()
if command -v mpirun >/dev/null && dpkg-query -W -f='${Status}' libopenmpi-dev 2>/dev/null | grep -q "ok installed"; then
  cmake -S . -B build-mpi -DCMAKE_BUILD_TYPE=Release -DSWSIM_WERROR=ON -DSWSIM_WITH_MPI=ON -DSWSIM_BUILD_TESTS=OFF \
    -DSWSIM_BUILD_VIZ=OFF -DSWSIM_BUILD_BENCH=OFF >/dev/null
  cmake --build build-mpi -j"$(nproc)" --target swsim
  mpi_opt=(-DSWSIM_MPI_SWSIM="$root/build-mpi/sim/swsim")
fi
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DSWSIM_WERROR=ON "${mpi_opt[@]}" >/dev/null
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)"
