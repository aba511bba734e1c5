#!/usr/bin/python3
"""Checks the CF-1.10 / ACDD-1.3 metadata an swsim result file promises (docs/hdf5-schema.md).

Usage: check_cf.py FILE.h5 [--replicates]

Not a general CF checker: it asserts what swsim writes, read back with netCDF4 (attributes, groups) and
with xarray through both engines (netcdf4 and h5netcdf):
- global attributes: Conventions "CF-1.10, ACDD-1.3", featureType "timeSeries", the ACDD discovery
  attributes (title, summary, keywords, institution, source, history naming swsim, date_created in
  ISO 8601, license, references, time coverage equal to the day axis, a lat/lon box holding every
  station);
- every variable in every group has units that UDUNITS reads (checked with `udunits2` when installed,
  else against the units swsim uses) and a long_name; numbers never use "yuan";
- the root follows one feature type: every metric (a variable with `aggregation`) is on (day, station)
  with `coordinates` naming station_name station_lat station_lon, and station_name has
  cf_role = "timeseries_id"; the area and city sums are in groups /areas and /city under the same names;
- cell_methods "time: sum" for flows and "time: point" for stocks; standard names of time, latitude,
  longitude, air temperature (with time: maximum / minimum) and relative humidity; day has bounds;
- xarray (both engines) decodes days to dates, makes station_name a coordinate of every metric and gives
  a series indexed by station name and date; the groups open on their own.
Prints the time each engine takes to open the file. Exit 1 with the list of problems on failure.
"""
import argparse
import datetime as dt
import re
import shutil
import subprocess
import sys
import time

import numpy as np
import netCDF4
import xarray as xr

GLOBAL_REQUIRED = ["title", "summary", "keywords", "institution", "source", "history", "date_created",
                   "license", "references", "time_coverage_start", "time_coverage_end",
                   "geospatial_lat_min", "geospatial_lat_max", "geospatial_lon_min", "geospatial_lon_max"]
KNOWN_UNITS = {"1", "%", "degC", "min", "h", "km", "degrees_north", "degrees_east"}
STANDARD_NAMES = {"day": ("time", None), "station_lat": ("latitude", None), "station_lon": ("longitude", None),
                  "tmax_c": ("air_temperature", "time: maximum"), "tmin_c": ("air_temperature", "time: minimum"),
                  "rh_pct": ("relative_humidity", None), "area_lat": ("latitude", None),
                  "area_lon": ("longitude", None)}
STATION_COORDS = ["station_name", "station_lat", "station_lon"]


class Checker:
    def __init__(self):
        self.problems = []
        self.udunits = shutil.which("udunits2")
        self.units_seen = set()

    def expect(self, ok, message):
        if not ok:
            self.problems.append(message)
        return ok

    def units_ok(self, units):
        if units in KNOWN_UNITS or re.fullmatch(r"days since \d{4}-\d{2}-\d{2}", units):
            return True
        if not self.udunits:
            return False
        # Converting a unit into itself succeeds exactly when UDUNITS parses it.
        r = subprocess.run([self.udunits, "-H", units, "-W", units], capture_output=True, text=True, timeout=30,
                           stdin=subprocess.DEVNULL)
        return r.returncode == 0 and "Don't recognize" not in r.stderr + r.stdout


def iso(text):
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def check_globals(c, nc):
    a = {k: nc.getncattr(k) for k in nc.ncattrs()}
    c.expect(a.get("Conventions") == "CF-1.10, ACDD-1.3", f"Conventions is {a.get('Conventions')!r}")
    c.expect(a.get("featureType") == "timeSeries", f"featureType is {a.get('featureType')!r}")
    for key in GLOBAL_REQUIRED:
        c.expect(str(a.get(key, "")).strip() != "", f"global attribute {key} is missing or empty")
    c.expect("swsim" in str(a.get("history", "")) and str(a.get("command_line", "")) in str(a.get("history", "")),
             "history does not name swsim and the command line")
    try:
        iso(str(a.get("date_created")))
    except ValueError:
        c.expect(False, f"date_created {a.get('date_created')!r} is not ISO 8601")
    day = nc.variables["day"]
    dates = netCDF4.num2date(day[:], day.units, day.calendar)
    start = dt.datetime.fromisoformat(str(a.get("time_coverage_start")))
    end = dt.datetime.fromisoformat(str(a.get("time_coverage_end")))
    c.expect(start == dt.datetime(*dates[0].timetuple()[:6]), f"time_coverage_start {start} is not the first day")
    c.expect(end == dt.datetime(*dates[-1].timetuple()[:6]) + dt.timedelta(days=1),
             f"time_coverage_end {end} is not the end of the last day")
    lat, lon = nc.variables["station_lat"][:], nc.variables["station_lon"][:]
    c.expect(a["geospatial_lat_min"] <= lat.min() and lat.max() <= a["geospatial_lat_max"], "stations outside the lat box")
    c.expect(a["geospatial_lon_min"] <= lon.min() and lon.max() <= a["geospatial_lon_max"], "stations outside the lon box")


def check_variable(c, where, name, var):
    attrs = set(var.ncattrs())
    label = f"{where}{name}"
    c.expect("long_name" in attrs and var.long_name, f"{label} has no long_name")
    units = var.units if "units" in attrs else None
    if c.expect(units is not None, f"{label} has no units") and units != "":
        c.units_seen.add(units)
        c.expect(c.units_ok(units), f"{label}: units {units!r} are not UDUNITS")
    if "aggregation" in attrs:
        want = "time: sum" if var.aggregation == "flow" else "time: point"
        c.expect(getattr(var, "cell_methods", None) == want,
                 f"{label}: cell_methods {getattr(var, 'cell_methods', None)!r}, expected {want!r}")
    if name in STANDARD_NAMES and where == "/":
        std, cm = STANDARD_NAMES[name]
        c.expect(getattr(var, "standard_name", None) == std, f"{label}: standard_name is not {std}")
        if cm:
            c.expect(getattr(var, "cell_methods", None) == cm, f"{label}: cell_methods is not {cm!r}")


def metric_names(group):
    return [n for n, v in group.variables.items() if "aggregation" in v.ncattrs() and not n.endswith(("_mean", "_quantile"))]


def check_structure(c, nc, replicates):
    root_metrics = metric_names(nc)
    c.expect(len(root_metrics) >= 10, f"only {len(root_metrics)} metrics at the root")
    lead = ("replicate",) if replicates else ()
    for name in root_metrics:
        v = nc.variables[name]
        c.expect(v.dimensions == lead + ("day", "station"), f"/{name} is on {v.dimensions}, not a station series")
        c.expect(getattr(v, "coordinates", "").split() == STATION_COORDS, f"/{name}: coordinates {getattr(v, 'coordinates', None)!r}")
    for name, v in nc.variables.items():
        if "station" in v.dimensions and name not in ["station"] + STATION_COORDS:
            c.expect(set(STATION_COORDS) <= set(getattr(v, "coordinates", "").split()), f"/{name} lacks station coordinates")
        c.expect(not re.match(r"(area|city)_", name) or "aggregation" not in v.ncattrs(), f"/{name}: an aggregate at the root")
    c.expect(getattr(nc.variables["station_name"], "cf_role", None) == "timeseries_id", "station_name has no cf_role timeseries_id")
    c.expect(getattr(nc.variables["day"], "bounds", None) == "day_bounds" and "day_bounds" in nc.variables, "day has no bounds")
    for group, dims, coords in [("areas", ("day", "area"), "area_name"), ("city", ("day",), "")]:
        if not c.expect(group in nc.groups, f"no group /{group}"):
            continue
        g = nc.groups[group]
        c.expect(sorted(metric_names(g)) == sorted(root_metrics), f"/{group} does not hold every metric once")
        for name in metric_names(g):
            v = g.variables[name]
            c.expect(v.dimensions == lead + dims, f"/{group}/{name} is on {v.dimensions}")
            c.expect(getattr(v, "coordinates", "") == coords, f"/{group}/{name}: coordinates {getattr(v, 'coordinates', '')!r}")
    for where, group in [("/", nc)] + [(f"/{k}/", g) for k, g in nc.groups.items()]:
        for name, var in group.variables.items():
            check_variable(c, where, name, var)


def check_xarray(c, path, engine):
    t0 = time.perf_counter()
    ds = xr.open_dataset(path, engine=engine)
    opened = time.perf_counter() - t0
    with ds:
        c.expect(np.issubdtype(ds["day"].dtype, np.datetime64), f"{engine}: day is not decoded to dates")
        m = ds["meals_on_time"]
        for coord in STATION_COORDS:
            c.expect(coord in m.coords, f"{engine}: {coord} is not a coordinate of meals_on_time")
        s = m.swap_dims(station="station_name").to_series()
        c.expect(list(s.index.names)[-2:] == ["day", "station_name"], f"{engine}: series indexed by {s.index.names}")
        c.expect(str(s.index.get_level_values("station_name")[0]) == str(ds["station_name"].values[0]),
                 f"{engine}: the series is not labelled by station name")
        total = int(m.sum())
    for group in ("areas", "city"):
        with xr.open_dataset(path, engine=engine, group=group) as g:
            c.expect(np.issubdtype(g["day"].dtype, np.datetime64), f"{engine}: /{group} day is not decoded to dates")
            c.expect(int(g["meals_on_time"].sum()) == total, f"{engine}: /{group} meals_on_time does not add up")
            if group == "areas":
                c.expect("area_name" in g["meals_on_time"].coords, f"{engine}: area_name is not a coordinate in /areas")
    return opened


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("file")
    p.add_argument("--replicates", action="store_true", help="the file holds several replicates")
    args = p.parse_args()
    c = Checker()
    def step(f, *a):  # a step that cannot even run (an attribute or group missing) is one more problem
        try:
            return f(*a)
        except (KeyError, AttributeError, ValueError, TypeError, OSError, IndexError) as e:
            c.problems.append(f"{f.__name__}: {type(e).__name__}: {e}")
            return float("nan")

    with netCDF4.Dataset(args.file) as nc:
        step(check_globals, c, nc)
        step(check_structure, c, nc, args.replicates)
    times = {engine: step(check_xarray, c, args.file, engine) for engine in ("netcdf4", "h5netcdf")}
    if c.problems:
        print(f"check_cf: FAIL: {args.file}:\n  " + "\n  ".join(c.problems), file=sys.stderr)
        sys.exit(1)
    print(f"check_cf: OK: {args.file}; units {sorted(c.units_seen)} "
          f"({'udunits2' if c.udunits else 'known list; udunits2 not installed'}); xarray open: "
          + ", ".join(f"{e} {t:.2f} s" for e, t in times.items()))


if __name__ == "__main__":
    main()
