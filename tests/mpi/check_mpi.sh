#!/usr/bin/env bash
# Two MPI ranks against one process: a sweep and a replicate ensemble must give the same data, and a
# re-run of a sweep with a point missing must redo only that point.
#   check_mpi.sh MPI_SWSIM SERIAL_SWSIM SCENARIO_DIR WORK_DIR
set -euo pipefail
mpi_swsim=$1 serial_swsim=$2 scenarios=$3 work=$4
here=$(cd "$(dirname "$0")" && pwd)
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
mpirun=(mpirun -n 2 --oversubscribe)
rm -rf "$work" && mkdir -p "$work"
cat > "$work/sweep.ini" <<INI
# a two-parameter sweep for the MPI test
[run]
days = 12
scale = 0.05
start_date = 2022-06-12
[weather]
heat_waves = 2022-06-16 5 39 35
[sweep]
staffing.social_workers_per_station = 2:4
policy.lending = off, on
INI
"$serial_swsim" sweep --scenario "$work/sweep.ini" --out-dir "$work/one" --quiet
"${mpirun[@]}" "$mpi_swsim" sweep --scenario "$work/sweep.ini" --out-dir "$work/two" --quiet
for f in "$work"/one/point_*.h5; do
  /usr/bin/python3 "$here/compare_results.py" "$f" "$work/two/$(basename "$f")"
done
cmp "$work/one/sweep.csv" "$work/two/sweep.csv"
# The index opens as one ensemble in the analysis tool.
analyze="$(dirname "$serial_swsim")/../analysis/swsim-analyze"
"$analyze" summary "$work/two/sweep.h5" > "$work/summary.txt"
grep "policy.lending" "$work/summary.txt" > /dev/null

# A lost point is recomputed, the others are kept.
rm "$work/two/point_003.h5"
before=$(stat -c %Y "$work/two/point_001.h5")
sleep 1
"${mpirun[@]}" "$mpi_swsim" sweep --scenario "$work/sweep.ini" --out-dir "$work/two" --quiet
test -f "$work/two/point_003.h5"
test "$(stat -c %Y "$work/two/point_001.h5")" = "$before"
/usr/bin/python3 "$here/compare_results.py" "$work/one/point_003.h5" "$work/two/point_003.h5"

# Replicates shared between ranks and gathered on rank 0.
"$serial_swsim" run --scenario "$scenarios/baseline.ini" --scale 0.05 --days 12 --replicates 3 --out "$work/rep1.h5" --quiet
"${mpirun[@]}" "$mpi_swsim" run --scenario "$scenarios/baseline.ini" --scale 0.05 --days 12 --replicates 3 --out "$work/rep2.h5" --quiet
/usr/bin/python3 "$here/compare_results.py" "$work/rep1.h5" "$work/rep2.h5"
# A sensitivity design shared between ranks: the same effects as one process.
sens=(sensitivity --scenario "$work/sweep.ini" -r 2 --factors staffing.social_workers_per_station,lunch.box_capacity --quiet)
"$serial_swsim" "${sens[@]}" --csv "$work/sens1.csv" > /dev/null
"${mpirun[@]}" "$mpi_swsim" "${sens[@]}" --csv "$work/sens2.csv" > /dev/null
cmp "$work/sens1.csv" "$work/sens2.csv"
echo "mpi: 2 ranks give the same data as one process"
