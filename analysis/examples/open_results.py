#!/usr/bin/python3
"""Open a swsim result file in xarray and look around.

    /usr/bin/python3 analysis/examples/open_results.py out/baseline.h5

A result file is HDF5 laid out as netCDF-4 (docs/hdf5-schema.md): xarray opens it with the h5netcdf
engine, decodes the `day` axis to dates, and names every dimension.
"""
import sys

import xarray as xr

path = sys.argv[1] if len(sys.argv) > 1 else "out/baseline.h5"
ds = xr.open_dataset(path, engine="h5netcdf")

# What the run was: the first comment lines of the `scenario` attribute (the effective scenario).
print("file:", path)
print("scenario file:", ds.attrs.get("scenario_file"))
for line in ds.attrs["scenario"].splitlines():
    if not line.startswith("#"):
        break
    print("  ", line)
print("days:", str(ds.day.values[0])[:10], "to", str(ds.day.values[-1])[:10], f"({ds.sizes['day']})")
print("stations simulated:", ds.sizes["station"], "of 161 (scale", ds.attrs.get("scale"), ")")

# Per-station daily metrics are on (day, station); in an ensemble (swsim run --replicates R) on
# (replicate, day, station), with the ensemble mean NAME_mean(day, station) alongside.
on_time = ds["meals_on_time"]
requested = ds["meals_requested"]
print("meals_on_time dimensions:", on_time.dims)

# The city's on-time rate over the whole run: sum over days and stations first, then divide.
# (Never average the daily rates: days with more lunches must weigh more.)
dims = [d for d in ("day", "station") if d in on_time.dims]
rate = on_time.sum(dims) / requested.sum(dims)
if "replicate" in rate.dims:
    print("on-time rate per replicate:", [f"{100 * v:.1f}%" for v in rate.values])
    print(f"on-time rate, mean of {rate.sizes['replicate']} replicates: {100 * float(rate.mean()):.1f}%")
else:
    print(f"on-time rate: {100 * float(rate):.1f}%")

# Per management area: group the stations by station_area, and name the areas.
area_rate = (on_time.sum("day").groupby(ds.station_area).sum()
             / requested.sum("day").groupby(ds.station_area).sum())
if "replicate" in area_rate.dims:
    area_rate = area_rate.mean("replicate")
names = ds.area_name_en.values
for a, v in zip(area_rate.station_area.values, area_rate.values):
    print(f"  {names[int(a)]:<14} {100 * v:5.1f}% on time")
ds.close()
