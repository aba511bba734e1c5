#!/usr/bin/env bash
# Installs every Debian 12 package swsim needs to build, test, visualise and analyse.
# Run as root (or with sudo) on a fresh Debian 12 machine. Safe to re-run.
set -euo pipefail

packages=(
  # build
  build-essential cmake pkg-config git
  # packaging: man pages from --help (help2man), dpkg-shlibdeps for the .deb (dpkg-dev), completion tests
  help2man dpkg-dev bash-completion
  # simulation core
  libtbb-dev libhdf5-dev hdf5-tools libboost-program-options-dev librandom123-dev
  # tests; clang and its runtime for the libFuzzer targets (scripts/fuzz.sh)
  catch2 clang-14 libclang-rt-14-dev
  # scale-out: sweeps and replicates over MPI ranks (optional build, tested when installed)
  libopenmpi-dev openmpi-bin
  # visualizer
  libimgui-dev libglfw3-dev libgl-dev libstb-dev fonts-wqy-microhei xvfb xauth
  # checking and analysing results the way researchers do
  python3 python3-numpy python3-h5py python3-xarray python3-h5netcdf python3-netcdf4 python3-matplotlib netcdf-bin
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
