#!/usr/bin/python3
"""Compare two scenarios: the change in the on-time lunch rate, per area and for the city.

    /usr/bin/python3 analysis/examples/compare_two.py out/baseline.h5 out/staffing_5.h5

If both files are ensembles with the same seeds (swsim run --replicates R with the same --seed), replicate
r of A and replicate r of B saw the same random events (common random numbers): compare them pairwise,
then average. The paired 95 % interval is much narrower than comparing the two averages.
"""
import math
import sys

import numpy as np
import pandas as pd
import xarray as xr

T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 19: 2.093}


def t975(df):
    """t(0.975, df); a table is enough here (swsim_report.py computes it exactly)."""
    return T975.get(df) or (2.0 if df > 19 else T975[max(k for k in T975 if k <= df)])


def on_time_by_area(path):
    """On-time rate per area and for the city, per replicate: DataFrame (replicate x area + city)."""
    ds = xr.open_dataset(path, engine="h5netcdf")
    on_time, requested = ds.meals_on_time.sum("day"), ds.meals_requested.sum("day")
    if "replicate" not in on_time.dims:  # a single run is an ensemble of one
        on_time, requested = on_time.expand_dims(replicate=[0]), requested.expand_dims(replicate=[0])
    by_area = (on_time.groupby(ds.station_area).sum() / requested.groupby(ds.station_area).sum())
    table = pd.DataFrame(100 * by_area.values, columns=[ds.area_name_en.values[int(a)] for a in by_area.station_area.values])
    table["CITY"] = 100 * (on_time.sum("station") / requested.sum("station")).values
    seeds = ds.replicate_seed.values.tolist() if "replicate_seed" in ds else [ds.attrs.get("seed")]
    # The files must cover the same dates to be comparable.
    dates = ds.day.values
    ds.close()
    return table, seeds, dates


a, seeds_a, dates_a = on_time_by_area(sys.argv[1])
b, seeds_b, dates_b = on_time_by_area(sys.argv[2])
if not np.array_equal(dates_a, dates_b):
    sys.exit("the two files cover different days: run both over the same summer")
paired = len(a) > 1 and seeds_a == seeds_b
diff = b - a if paired else None  # one difference per replicate (paired)
rows = []
for area in a.columns:
    if paired:
        d = diff[area]
        half = t975(len(d) - 1) * d.std(ddof=1) / math.sqrt(len(d))
        rows.append((area, a[area].mean(), b[area].mean(), d.mean(), half))
    else:
        rows.append((area, a[area].mean(), b[area].mean(), b[area].mean() - a[area].mean(), float("nan")))
result = pd.DataFrame(rows, columns=["area", "A on time %", "B on time %", "B - A (pp)", "95% +-"]).set_index("area")
print("paired over", len(a), "replicates (common random numbers)" if paired else "(no paired interval: single runs "
      "or different seeds)")
print(result.round(1).to_string())
