#!/usr/bin/python3
"""Checks that an swsim HDF5 result file opens as netCDF-4 in xarray (h5netcdf engine) and in ncdump.

Usage: check_netcdf.py FILE.h5 [--expect-var NAME ...] [--expect-dims day,station]

Fails (exit 1) when the file does not open, an expected variable or dimension is missing, a variable
lacks `units` or `long_name` (a numeric variable needs non-empty units, "1" for counts), or a `day`
dimension does not decode to datetime64. Prints a short summary on success.
"""
import argparse
import subprocess
import sys

import numpy as np
import xarray as xr


def fail(message):
    print(f"check_netcdf: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def describe(value, width=60):
    text = str(value).replace("\n", "\\n")
    return text if len(text) <= width else text[: width - 3] + "..."


def check_ncdump(path):
    try:
        result = subprocess.run(["ncdump", "-h", path], capture_output=True, text=True, timeout=120)
    except FileNotFoundError:
        fail("ncdump not found (install netcdf-bin)")
    except subprocess.TimeoutExpired:
        fail(f"ncdump -h {path} timed out")
    if result.returncode != 0:
        fail(f"ncdump -h {path} exited with {result.returncode}: {result.stderr.strip()}")
    return len(result.stdout.splitlines())


def check_dataset(ds, expect_vars, expect_dims):
    problems = []
    for name in expect_vars:
        if name not in ds.variables:
            problems.append(f"expected variable '{name}' is missing")
    for name in expect_dims:
        if name not in ds.dims:
            problems.append(f"expected dimension '{name}' is missing (have: {', '.join(map(str, ds.dims))})")
    for name, var in ds.variables.items():
        # A decoded time axis moves units/calendar from attrs to encoding.
        units = var.attrs.get("units", var.encoding.get("units"))
        if units is None:
            problems.append(f"variable '{name}' has no units attribute")
        elif units == "" and var.dtype.kind in "iufc":
            problems.append(f"numeric variable '{name}' has empty units (use \"1\" for counts and fractions)")
        if not var.attrs.get("long_name"):
            problems.append(f"variable '{name}' has no (or an empty) long_name attribute")
    if "day" in ds.dims:
        if "day" not in ds.coords:
            problems.append("dimension 'day' has no coordinate variable")
        elif not np.issubdtype(ds["day"].dtype, np.datetime64):
            problems.append(
                f"coordinate 'day' decoded as {ds['day'].dtype}, not datetime64 "
                f"(units: {ds['day'].attrs.get('units')!r})"
            )
    return problems


def summary(path, ds, ncdump_lines):
    print(f"{path}: netCDF-4 via h5netcdf; ncdump -h ok ({ncdump_lines} lines)")
    print("  dims: " + ", ".join(f"{k}={v}" for k, v in ds.sizes.items()))
    for name, var in ds.variables.items():
        kind = "coord" if name in ds.coords else "var"
        units = var.attrs.get("units", var.encoding.get("units", ""))
        print(f"  {kind} {name}{tuple(var.dims)} {var.dtype} [{units}] {describe(var.attrs.get('long_name', ''))}")
    if "day" in ds.coords and ds.sizes.get("day", 0) > 0:
        print(f"  day: {ds['day'].values[0]} .. {ds['day'].values[-1]}")
    for key, value in ds.attrs.items():
        print(f"  :{key} = {describe(value)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--expect-var", action="append", default=[], metavar="NAME",
                        help="a variable that must exist (repeatable)")
    parser.add_argument("--expect-dims", action="append", default=[], metavar="A,B",
                        help="comma-separated dimensions that must exist (repeatable)")
    args = parser.parse_args()
    expect_dims = [d for group in args.expect_dims for d in group.split(",") if d]

    try:
        ds = xr.open_dataset(args.file, engine="h5netcdf")
    except Exception as e:  # any failure to open is the finding, whatever its type
        fail(f"xarray.open_dataset({args.file!r}, engine='h5netcdf') failed: {type(e).__name__}: {e}")
    with ds:
        problems = check_dataset(ds, args.expect_var, expect_dims)
        ncdump_lines = check_ncdump(args.file)
        if problems:
            fail(f"{args.file}:\n  " + "\n  ".join(problems))
        summary(args.file, ds, ncdump_lines)
    print("check_netcdf: OK")


if __name__ == "__main__":
    main()
