#!/usr/bin/python3
"""Runs every example in analysis/examples/ on real result files and checks it succeeds.

  run_examples.py EXAMPLES_DIR --out DIR ENSEMBLE.h5 ENSEMBLE_B.h5 SWEEP.h5 SINGLE.h5
"""
import argparse
import os
import subprocess
import sys

p = argparse.ArgumentParser()
p.add_argument("examples")
p.add_argument("--out", required=True)
p.add_argument("a")
p.add_argument("b")
p.add_argument("sweep")
p.add_argument("single")
a = p.parse_args()
os.makedirs(a.out, exist_ok=True)
runs = {
    "open_results.py": [[a.single], [a.a]],
    "plot_city_series.py": [[a.a, os.path.join(a.out, "city_series.png")],
                            [a.single, os.path.join(a.out, "city_series_single.png")]],
    "compare_two.py": [[a.a, a.b], [a.single, a.single]],
    "read_sweep.py": [[a.sweep, os.path.join(a.out, "sweep.png")]],
}
listed = sorted(f for f in os.listdir(a.examples) if f.endswith(".py"))
missing = sorted(set(listed) - set(runs))
if missing:
    print("FAIL: examples without a test run:", missing)
    sys.exit(1)
for script, arg_lists in runs.items():
    for args in arg_lists:
        cmd = [sys.executable, os.path.join(a.examples, script)] + args
        res = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, MPLBACKEND="Agg"))
        if res.returncode != 0 or not res.stdout.strip():
            print("FAIL:", " ".join(cmd), "\n", res.stdout, res.stderr)
            sys.exit(1)
        print("ok:", script, *[os.path.basename(x) for x in args])
for png in ["city_series.png", "city_series_single.png", "sweep.png"]:
    path = os.path.join(a.out, png)
    if not os.path.exists(path) or os.path.getsize(path) < 5000:
        print("FAIL: no figure", path)
        sys.exit(1)
print("all examples ran")
