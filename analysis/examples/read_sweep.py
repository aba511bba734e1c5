#!/usr/bin/python3
"""Read a parameter sweep (swsim sweep --out-dir DIR) and plot an indicator against the parameter.

    /usr/bin/python3 analysis/examples/read_sweep.py out/sweep/sweep.h5 sweep.png

DIR/sweep.h5 is an index: dimension `point`, `point_file(point)` (result file of each point, relative to
DIR) and one `param_<section>_<key>(point)` variable per swept parameter. Each point file is an ordinary
result file (an ensemble when the sweep ran with --replicates).
"""
import math
import os
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import xarray as xr  # noqa: E402

index_path = sys.argv[1] if len(sys.argv) > 1 else "out/sweep/sweep.h5"
out = sys.argv[2] if len(sys.argv) > 2 else "sweep.png"
index = xr.open_dataset(index_path, engine="h5netcdf")
params = [v for v in index.data_vars if v.startswith("param_")]
names = [index[v].attrs.get("parameter", v) for v in params]  # "section.key"
print("swept:", ", ".join(names))

rows = []
for i in range(index.sizes["point"]):
    point_file = os.path.join(os.path.dirname(index_path), str(index.point_file.values[i]))
    # The city's sums are in the file's group "city" (the root holds the per-station series).
    with xr.open_dataset(point_file, engine="h5netcdf", group="city") as ds:
        # One on-time rate per replicate (sum first, then divide), then mean and 95 % interval.
        on_time = ds.meals_on_time.sum("day")
        rate = 100 * on_time / ds.meals_requested.sum("day")
        values = rate.values.ravel()
    mean = values.mean()
    n = values.size
    half = (2.0 if n > 20 else {2: 12.706, 3: 4.303, 4: 3.182, 5: 2.776}.get(n, 2.5)) * values.std(ddof=1) / math.sqrt(n) \
        if n > 1 else float("nan")
    rows.append({**{name: float(index[p].values[i]) for p, name in zip(params, names)},
                 "on_time_pct": mean, "ci95": half, "replicates": n})
table = pd.DataFrame(rows)
print(table.round(2).to_string(index=False))

x = names[0]
table = table.sort_values(x)
fig, ax = plt.subplots(figsize=(6, 4))
ax.errorbar(table[x], table.on_time_pct, yerr=table.ci95, fmt="o-", capsize=4)
ax.set_xlabel(x)
ax.set_ylabel("lunches on time (% of requested)")
ax.set_title("City on-time lunch across the sweep (bars: 95 % interval)")
fig.tight_layout()
fig.savefig(out, dpi=100)
print("wrote", out)
