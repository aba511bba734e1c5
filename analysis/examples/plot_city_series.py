#!/usr/bin/python3
"""Plot the city's daily on-time lunch rate with heat-wave days shaded.

    /usr/bin/python3 analysis/examples/plot_city_series.py out/baseline.h5 city.png
"""
import sys

import matplotlib
matplotlib.use("Agg")  # write a file; no window needed
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import xarray as xr  # noqa: E402

path = sys.argv[1] if len(sys.argv) > 1 else "out/baseline.h5"
out = sys.argv[2] if len(sys.argv) > 2 else "city_series.png"
ds = xr.open_dataset(path, engine="h5netcdf")
# The city's daily totals are stored too, in the group "city" (same names, summed over the simulated stations).
city = xr.open_dataset(path, engine="h5netcdf", group="city")
rate = 100 * city.meals_on_time / city.meals_requested  # (day) or (replicate, day)

fig, ax = plt.subplots(figsize=(10, 4))
if "replicate" in rate.dims:
    # An ensemble: the mean over replicates, and the range the replicates span on each day.
    ax.fill_between(ds.day.values, rate.min("replicate"), rate.max("replicate"), alpha=0.25,
                    label=f"range of {rate.sizes['replicate']} replicates")
    rate = rate.mean("replicate")
ax.plot(ds.day.values, rate, label="on time (by 12:00)")

# Heat-wave days (3+ days at 35 degC or more) as shaded bands.
half_day = np.timedelta64(12, "h")
for day, wave in zip(ds.day.values, ds.heat_wave.values):
    if wave:
        ax.axvspan(day - half_day, day + half_day, color="tab:red", alpha=0.2, lw=0)
ax.set_ylabel("lunches on time (% of requested)")
ax.set_title(f"{ds.attrs.get('scenario_file', path)}: on-time lunch, city (red: heat-wave days)")
ax.legend()
fig.autofmt_xdate()
fig.tight_layout()
fig.savefig(out, dpi=100)
print("wrote", out)
