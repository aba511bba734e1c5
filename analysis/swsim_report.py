#!/usr/bin/python3
"""What-if report for planners: one Markdown file with PNG figures from swsim result files.

    /usr/bin/python3 analysis/swsim_report.py --out report_dir A.h5 B.h5 [sweep_dir/sweep.h5 ...]
    swsim-analyze report --out report_dir A.h5 B.h5          (the same, through the C++ tool)

The first scenario (A) is the reference: every other one is compared with it. Each input is a result file
of `swsim run` (a single run or an ensemble made with --replicates R), or a sweep index `sweep.h5` of
`swsim sweep`, which stands for all its grid points. The report is built from the files alone (offline):
report_dir/report.md plus report_dir/*.png.

Indicators are computed per replicate and then averaged; 95 % intervals are mean ± t(0.975, R-1)·sd/√R.
Differences B - A pair replicate r of A with replicate r of B when both have the same seeds (common random
numbers: the paired interval is much narrower than an unpaired one).
"""
import argparse
import configparser
import datetime
import math
import os
import shutil
import sys

import numpy as np
import xarray as xr
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import TwoSlopeNorm  # noqa: E402


class InputProblem(Exception):
    """A result file the report cannot use: one line on stderr and exit 2, like every swsim program."""

# ----------------------------------------------------------------------------------------------------------
# Statistics: Student t quantile (no SciPy needed) and 95 % intervals.


def _beta_cf(a, b, x):
    tiny, eps = 1e-300, 1e-15
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 301):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < eps:
            break
    return h


def incomplete_beta(a, b, x):
    if x <= 0.0 or x >= 1.0:
        return max(0.0, min(1.0, x))
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_cf(a, b, x) / a
    return 1.0 - front * _beta_cf(b, a, 1.0 - x) / b


def t_cdf(t, df):
    tail = 0.5 * incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t >= 0 else tail


def t_quantile(p, df):
    """Quantile of Student's t with df degrees of freedom (bisection on the CDF)."""
    if p == 0.5:
        return 0.0
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    lo, hi = 0.0, 1.0
    while t_cdf(hi, df) < p:
        hi *= 2.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
        if hi - lo <= 1e-14 * hi:
            break
    return 0.5 * (lo + hi)


def estimate(values):
    """(mean, half-width of the 95 % interval or None, n) of a sample of replicate values."""
    v = np.asarray(values, dtype=float).ravel()
    n = v.size
    if n == 0:
        return float("nan"), None, 0
    mean = float(v.mean())
    if n < 2:
        return mean, None, n
    sd = float(v.std(ddof=1))
    return mean, t_quantile(0.975, n - 1) * sd / math.sqrt(n), n


def difference(a, b, paired):
    """Mean of b - a with its 95 % interval: paired (a[r] with b[r]) or Welch; None when either is a single run."""
    a = np.asarray(a, dtype=float).ravel()
    b = np.asarray(b, dtype=float).ravel()
    n = min(a.size, b.size)
    if paired and n >= 2:  # replicate r with replicate r (the replicates both have)
        return estimate(b[:n] - a[:n])
    diff = float(b.mean() - a.mean())
    if a.size < 2 or b.size < 2:
        return diff, None, min(a.size, b.size)
    va, vb = a.var(ddof=1) / a.size, b.var(ddof=1) / b.size
    se = math.sqrt(va + vb)
    if se == 0:
        return diff, 0.0, min(a.size, b.size)
    df = (va + vb) ** 2 / (va * va / (a.size - 1) + vb * vb / (b.size - 1))
    return diff, t_quantile(0.975, df) * se, min(a.size, b.size)


# ----------------------------------------------------------------------------------------------------------
# Indicators: the key indicators the result file defines (its group "indicators", written by swsim from
# the simulation's one table), computed from sums of the per-station daily metrics.

NEEDED = []      # the metrics the indicators use, filled by load_indicators()
INDICATORS = []  # (key, name, unit, percent, decimals, meaning, formula on sums)
IND = {}


def _share(a, b):
    return xr.where(b > 0, a / b.where(b > 0), 0.0)


def _formula(numerator, denominator, factor):
    def f(s):
        num = sum(s[n] for n in numerator)
        if not denominator:
            return factor * num
        return factor * _share(num, sum(s[d] for d in denominator))
    return f


def _indicator_attrs(path):
    """[(name, attrs)] of the file's indicators, in file order (netCDF4 keeps it; h5py lists by name)."""
    def text(v):
        return v.decode() if isinstance(v, bytes) else v

    try:
        import netCDF4
        with netCDF4.Dataset(path) as nc:
            group = nc.groups.get("indicators")
            if group is None:
                return []
            return [(name, {k: text(var.getncattr(k)) for k in var.ncattrs()}) for name, var in group.variables.items()]
    except ImportError:
        import h5py
        with h5py.File(path, "r") as f:
            group = f.get("indicators")
            return [] if group is None else [(n, {k: text(v) for k, v in group[n].attrs.items()}) for n in group]


def load_indicators(path):
    """Reads the key indicators of a result file into INDICATORS, IND and NEEDED."""
    try:
        found = _indicator_attrs(path)
    except OSError as e:
        e.filename = e.filename if e.filename is not None else path
        raise InputProblem(describe_error(e))
    INDICATORS.clear()
    NEEDED.clear()
    for key, a in found:
        if int(a.get("key", 0)) != 1:
            continue
        unit = str(a.get("units_label", a.get("units", "")))  # money: CF units "1", shown as yuan
        percent = unit == "%"
        scale = float(a.get("scale", 1.0))
        num, den = str(a.get("numerator", "")).split(), str(a.get("denominator", "")).split()
        INDICATORS.append((key, str(a.get("label", key)), unit, percent, int(a.get("decimals", 1)),
                           str(a.get("long_name", "")), _formula(num, den, scale / 100.0 if percent else scale)))
        for m in num + den:
            if m not in NEEDED:
                NEEDED.append(m)
    if not INDICATORS:
        raise InputProblem(f"{path}: defines no indicators (written by an older swsim; run the scenario again)")
    IND.clear()
    IND.update({i[0]: i for i in INDICATORS})


def first_result_path(paths):
    """The first result file named (the first point of a sweep index)."""
    p = paths[0]
    if not os.path.exists(p):
        raise InputProblem(f"{p}: file not found")
    if is_sweep_index(p):
        points = read_sweep(p)
        if points:
            return points[0][1]
    return p


def fmt(key, mean, half=None, signed=False):
    """42.3% ±1.2 / +9.2 pp ±0.5 / 1234 ±56."""
    _, _, unit, percent, dec, _, _ = IND[key]
    scale = 100.0 if percent else 1.0
    if mean is None or (isinstance(mean, float) and math.isnan(mean)):
        return "n/a"
    text = f"{mean * scale:.{dec}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    if signed and float(text) > 0:
        text = "+" + text
    text += (" pp" if signed else "%") if percent else ""
    if half is not None:
        text += f" ±{half * scale:.{dec}f}"
    return text


# ----------------------------------------------------------------------------------------------------------
# Inputs: result files and sweep indexes.


def open_result(path):
    """xarray Dataset of a result file: the netCDF4 engine opens swsim files much faster than h5netcdf
    (about 0.2 s against 3 s); h5netcdf is the fallback."""
    try:
        import netCDF4  # noqa: F401
        return xr.open_dataset(path, engine="netcdf4")
    except ImportError:
        return xr.open_dataset(path, engine="h5netcdf")


def is_sweep_index(path):
    try:
        import h5py
        with h5py.File(path, "r") as f:
            return "point_file" in f and "station" not in f
    except Exception:  # not HDF5: let open_result report it
        return False


def read_sweep(path):
    """[(point, file, {parameter: value})] of a sweep index."""
    with open_result(path) as ds:
        files = [f.decode() if isinstance(f, bytes) else str(f) for f in ds["point_file"].values]
        params = {}
        for name in ds.data_vars:
            if name.startswith("param_") and ds[name].dims == ("point",):
                params[ds[name].attrs.get("parameter", name[len("param_"):])] = ds[name].values.astype(float)
        points = ds["point"].values
    base = os.path.dirname(os.path.abspath(path))
    return [(int(points[i]), os.path.join(base, files[i]), {k: float(v[i]) for k, v in params.items()})
            for i in range(len(files))]


def num(v):
    return f"{v:g}"


class Scenario:
    def __init__(self, path, tag, sweep=None, point=None, params=None):
        self.path, self.tag, self.sweep, self.point = path, tag, sweep, point
        self.params = params or {}
        self.ds = open_result(path)
        missing = [v for v in NEEDED if v not in self.ds]
        if missing:
            raise InputProblem(f"{path}: not a swsim result file (no {missing[0]})")
        attrs = self.ds.attrs
        self.scenario_file = str(attrs.get("scenario_file", ""))
        text = str(attrs.get("scenario", ""))
        self.comments = []
        for line in text.splitlines():
            line = line.strip()
            if not line and not self.comments:
                continue
            if not line.startswith("#"):
                break
            self.comments.append(line.lstrip("#").strip())
        self.settings = parse_ini(text)
        self.replicates = int(self.ds.sizes.get("replicate", 1))
        if self.replicates > 1 and "replicate_seed" in self.ds:
            self.seeds = [s.decode() if isinstance(s, bytes) else str(s) for s in self.ds["replicate_seed"].values]
        else:
            self.seeds = [str(attrs.get("seed", "?"))]
        name = os.path.basename(self.scenario_file) or os.path.basename(path)
        sets = [c[len("--set "):] for c in self.comments if c.startswith("--set ")]
        self.label = name + "".join(" + " + s for s in sets)
        if point is not None:
            self.label = f"sweep point {point}: " + ", ".join(f"{k}={num(v)}" for k, v in self.params.items())

    def metric(self, name):
        """(replicate, day, station) array of a per-station metric, also for single runs."""
        da = self.ds[name]
        return da if "replicate" in da.dims else da.expand_dims(replicate=[0])

    def day_series(self, name):
        da = self.ds[name]
        return da.isel(replicate=0) if "replicate" in da.dims else da


def parse_ini(text):
    cp = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        cp.read_string(text)
    except configparser.Error:
        return {}
    return {f"{s}.{k}": v for s in cp.sections() for k, v in cp[s].items()}


def tags(n):
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return [letters[i] if i < 26 else f"S{i + 1}" for i in range(n)]


def expand(paths):
    items = []
    for p in paths:
        if not os.path.exists(p):
            raise InputProblem(f"{p}: file not found")
        if is_sweep_index(p):
            for point, f, params in read_sweep(p):
                if not os.path.exists(f):
                    raise InputProblem(f"{p}: point {point} result file {f} not found")
                items.append((f, p, point, params))
        else:
            items.append((p, None, None, None))
    return [Scenario(f, t, s, pt, pr) for (f, s, pt, pr), t in zip(items, tags(len(items)))]


# ----------------------------------------------------------------------------------------------------------
# Sums and indicator values per replicate, for the city, per area and per station.


def sums(sc, days, level):
    """{metric: DataArray (replicate[, area|station])} summed over the chosen days."""
    out = {}
    for name in NEEDED:
        da = sc.metric(name).sel(day=days).sum("day")
        if level == "city":
            da = da.sum("station")
        elif level == "area":
            da = da.groupby(sc.ds["station_area"].rename("area_of")).sum("station").rename(area_of="area")
        out[name] = da.astype(float)
    return out


def indicator_values(sc, days, level):
    s = sums(sc, days, level)
    return {key: f(s) for key, *_, f in INDICATORS}


def pairing(a, b):
    """paired: both ensembles whose first min(R) replicates have the same seeds (common random numbers)."""
    if a.replicates > 1 and b.replicates > 1:
        n = min(len(a.seeds), len(b.seeds))
        return "paired" if a.seeds[:n] == b.seeds[:n] else "unpaired"
    return "single runs"


# ----------------------------------------------------------------------------------------------------------
# Figures.

COLOURS = plt.rcParams["axes.prop_cycle"].by_key()["color"]


def shade_heat(ax, sc, days):
    wave = sc.day_series("heat_wave").sel(day=days).values > 0
    warn = sc.day_series("heat_warning").sel(day=days).values > 0
    dates = days
    half = np.timedelta64(12, "h")
    for flags, colour, alpha in ((warn, "#f4a582", 0.25), (wave, "#d6604d", 0.35)):
        for i, on in enumerate(flags):
            if on:
                ax.axvspan(dates[i] - half, dates[i] + half, color=colour, alpha=alpha, lw=0)


def daily_city_figure(scen, days, path):
    panels = [("on-time lunch (% of requested)", lambda s: 100 * _share(s["meals_on_time"], s["meals_requested"])),
              ("missed meals per day", lambda s: s["meals_missed"]),
              ("heat-illness events per day", lambda s: s["heat_illness"])]
    fig, axes = plt.subplots(4, 1, figsize=(10, 10), sharex=True,
                             gridspec_kw={"height_ratios": [3, 3, 3, 1.6]})
    for i, sc in enumerate(scen[:8]):
        daily = {n: sc.metric(n).sel(day=days).sum("station").astype(float) for n in NEEDED}
        for ax, (title, f) in zip(axes, panels):
            y = f(daily)  # (replicate, day)
            mean = y.mean("replicate").values
            ax.plot(days, mean, color=COLOURS[i % len(COLOURS)], lw=1.6, label=f"{sc.tag}: {sc.label}")
            if sc.replicates > 1:  # the spread of single days: lowest to highest replicate
                ax.fill_between(days, y.min("replicate").values, y.max("replicate").values,
                                color=COLOURS[i % len(COLOURS)], alpha=0.15, lw=0)
            ax.set_ylabel(title, fontsize=9)
    tmax = scen[0].day_series("tmax_c").sel(day=days).values
    axes[3].plot(days, tmax, color="#b2182b", lw=1.2)
    axes[3].axhline(35, color="grey", lw=0.8, ls="--")
    axes[3].set_ylabel("Tmax (°C)", fontsize=9)
    for ax in axes:
        shade_heat(ax, scen[0], days)
        ax.grid(alpha=0.3)
    axes[0].legend(fontsize=8, loc="lower left")
    axes[0].set_title("City, day by day (dark shading: heat-wave days; light: heat-warning days)", fontsize=11)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def area_names(sc):
    return [str(n) for n in sc.ds["area_name_en"].values]


def area_difference_figure(a, b, days, path):
    va, vb = indicator_values(a, days, "area"), indicator_values(b, days, "area")
    paired = pairing(a, b) == "paired"
    names = area_names(a)
    keys = ["on_time_rate", "meals_missed", "visits_done"]
    fig, axes = plt.subplots(1, len(keys), figsize=(13, 5.5), sharey=False)
    common = sorted(set(va["on_time_rate"]["area"].values.tolist()) & set(vb["on_time_rate"]["area"].values.tolist()))
    rows = []
    for k in keys:
        _, _, unit, percent, *_ = IND[k]
        scale = 100.0 if percent else 1.0
        d, h = [], []
        for ar in common:
            m, hw, _ = difference(va[k].sel(area=ar).values, vb[k].sel(area=ar).values, paired)
            d.append(m * scale)
            h.append((hw or 0.0) * scale)
        rows.append((k, np.array(d), np.array(h)))
    order = np.argsort(rows[0][1])  # ranked by the change in on-time lunch
    labels = [names[common[i]] for i in order]
    for ax, (k, d, h) in zip(axes, rows):
        _, name, unit, percent, *_ = IND[k]
        colours = ["#2166ac" if x >= 0 else "#b2182b" for x in d[order]]
        if k == "meals_missed":
            colours = ["#2166ac" if x <= 0 else "#b2182b" for x in d[order]]
        ax.barh(range(len(order)), d[order], xerr=h[order] if h.any() else None, color=colours, capsize=2)
        ax.set_yticks(range(len(order)))
        ax.set_yticklabels(labels if ax is axes[0] else [], fontsize=8)
        ax.axvline(0, color="black", lw=0.8)
        ax.set_title(f"{name}: {b.tag} − {a.tag}" + (" (pp)" if percent else f" ({unit})"), fontsize=10)
        ax.grid(axis="x", alpha=0.3)
    fig.suptitle(f"Change by management area, {b.tag} vs {a.tag} (blue = better, red = worse"
                 + ("; bars: 95 % paired interval)" if paired else ")"), fontsize=11)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return {k: dict(zip([names[c] for c in common], d)) for k, d, _ in rows}


def station_difference(a, b, days):
    """DataFrame-like dict of stations in both files: global index, name, lat, lon, A and B on-time rates."""
    ga = a.ds["station_global_index"].values.astype(int)
    gb = b.ds["station_global_index"].values.astype(int)
    common = sorted(set(ga) & set(gb))
    if not common:
        return None
    ia = {g: i for i, g in enumerate(ga)}
    ib = {g: i for i, g in enumerate(gb)}
    sa, sb = sums(a, days, "station"), sums(b, days, "station")
    # Per station, means over replicates (one numpy array each, indexed by station of the file).
    rate_a = _share(sa["meals_on_time"], sa["meals_requested"]).mean("replicate").values
    rate_b = _share(sb["meals_on_time"], sb["meals_requested"]).mean("replicate").values
    missed_a = sa["meals_missed"].mean("replicate").values
    missed_b = sb["meals_missed"].mean("replicate").values
    meals_a = sa["meals_requested"].mean("replicate").values
    names_en, names_zh = a.ds["station_name_en"].values, a.ds["station_name"].values
    lat, lon, area_of = a.ds["station_lat"].values, a.ds["station_lon"].values, a.ds["station_area"].values
    areas = area_names(a)
    out = []
    for g in common:
        i, j = ia[g], ib[g]
        out.append({"global": g, "name": str(names_en[i]), "name_zh": str(names_zh[i]), "area": areas[int(area_of[i])],
                    "lat": float(lat[i]), "lon": float(lon[i]), "meals": float(meals_a[i]),
                    "a": float(rate_a[i]), "b": float(rate_b[j]), "d": float(rate_b[j] - rate_a[i]),
                    "missed_d": float(missed_b[j] - missed_a[i])})
    return out


def station_map_figure(a, b, stations, path):
    fig, ax = plt.subplots(figsize=(8.5, 7.5))
    lon = np.array([s["lon"] for s in stations])
    lat = np.array([s["lat"] for s in stations])
    d = np.array([100 * s["d"] for s in stations])
    meals = np.array([s["meals"] for s in stations])
    lim = max(1e-6, float(np.abs(d).max()))
    size = 30 + 250 * meals / max(1.0, meals.max())
    sc = ax.scatter(lon, lat, c=d, s=size, cmap="RdBu", norm=TwoSlopeNorm(0.0, -lim, lim), edgecolors="black",
                    linewidths=0.5)
    cb = fig.colorbar(sc, ax=ax, shrink=0.8)
    cb.set_label(f"on-time lunch, {b.tag} − {a.tag} (percentage points)")
    station_map_axes(ax, a.ds, lat)
    ax.set_title(f"Stations coloured by the change in on-time lunch, {b.tag} vs {a.tag}\n"
                 "(blue = more lunches on time; dot size = lunches requested; grey = area names)", fontsize=10)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def station_map_axes(ax, ds, lat):
    """A longitude/latitude plot of stations: the areas' names at their centres, axis labels, true aspect."""
    for k in range(ds.sizes["area"]):
        ax.text(float(ds["area_lon"].values[k]), float(ds["area_lat"].values[k]), str(ds["area_name_en"].values[k]),
                fontsize=7, color="dimgrey", ha="center", va="center")
    ax.set_xlabel("longitude (°E)")
    ax.set_ylabel("latitude (°N)")
    ax.set_aspect(1 / math.cos(math.radians(float(np.mean(lat)))))


def allocation_figure(sc, path):
    """Stations of an optimised scenario (swsim optimize) at their locations, coloured by units added."""
    ds = sc.ds
    lon, lat = ds["station_lon"].values, ds["station_lat"].values
    units = ds["optimize_units_added"].values.astype(float)
    label = str(ds["optimize_units_added"].attrs.get("label", "units added"))
    fig, ax = plt.subplots(figsize=(8.5, 7.5))
    ax.scatter(lon[units == 0], lat[units == 0], s=12, color="lightgrey", edgecolors="grey", linewidths=0.4)
    pts = ax.scatter(lon[units > 0], lat[units > 0], c=units[units > 0], s=40 + 40 * units[units > 0], cmap="viridis",
                     vmin=0.5, vmax=max(1.0, float(units.max())), edgecolors="black", linewidths=0.5)
    fig.colorbar(pts, ax=ax, shrink=0.8).set_label(label)
    station_map_axes(ax, ds, lat)
    ax.set_title(f"{sc.tag}: {label} per station (grey = none)", fontsize=10)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def allocation_section(sc, out_dir):
    """The report section of a file written by swsim optimize: what was optimised, the check on fresh
    replicates, the map and the stations that got most."""
    ds = sc.ds
    at = ds.attrs
    md = [f"## Allocation: {sc.tag} (`swsim optimize`)\n"]
    md.append(f"- Resource: **{at.get('optimize_resource', '?')}**, budget {at.get('optimize_budget', '?')}; objective "
              f"`{at.get('optimize_objective', '?')}` (higher is better: harm and missed lunches count negative).\n"
              f"- On fresh replicates (seeds not used to optimise), optimised − uniform: "
              f"{at.get('optimize_vs_uniform', '?')}; optimised − status quo: {at.get('optimize_vs_status_quo', '?')}.\n"
              "- The metrics of this file are the optimised allocation's fresh replicates.\n")
    fig = f"allocation_{sc.tag}.png"
    allocation_figure(sc, os.path.join(out_dir, fig))
    md.append(f"![Units added per station, {sc.tag}]({fig})\n")
    units = ds["optimize_units_added"].values
    areas = area_names(sc)
    by_area = {}
    for s, u in enumerate(units):
        if u > 0:
            name = areas[int(ds["station_area"].values[s])]
            by_area[name] = by_area.get(name, 0) + int(u)
    md.append("*Units added by area:* " + ", ".join(f"{k} {v}" for k, v in sorted(by_area.items(), key=lambda kv: -kv[1]))
              + ".\n")
    gain = ds["optimize_gain"].values
    lo, hi = ds["optimize_gain_lo"].values, ds["optimize_gain_hi"].values
    top = sorted((s for s in range(len(units)) if units[s] > 0), key=lambda s: (-units[s], -gain[s]))[:10]
    md.append(md_table(["station", "area", "units added", "gain (95 % interval)"],
                       [(f"{ds['station_name_en'].values[s]} {ds['station_name'].values[s]}",
                         areas[int(ds['station_area'].values[s])], str(int(units[s])),
                         f"{gain[s]:+.3g} ({lo[s]:+.3g} to {hi[s]:+.3g})") for s in top]))
    md.append("*The stations that got most (at most ten); gain = the objective's change at the station from its "
              "added units, re-evaluated with the optimisation seeds.*\n")
    return md, [fig]


def sweep_figure(points, days, params, path):
    """Indicators (city) against the first swept parameter, one line per value of the others."""
    x_name = params[0]
    others = params[1:]
    groups = {}
    for sc in points:
        key = tuple(sc.params.get(o) for o in others)
        groups.setdefault(key, []).append(sc)
    fig, axes = plt.subplots(2, 3, figsize=(13, 7.5))
    for ax, (key, name, unit, percent, *_rest) in zip(axes.ravel(), INDICATORS):
        scale = 100.0 if percent else 1.0
        for gi, (g, scs) in enumerate(sorted(groups.items(), key=lambda kv: [v if v is not None else 0 for v in kv[0]])):
            scs = sorted(scs, key=lambda s: s.params.get(x_name, 0))
            xs = [s.params.get(x_name, 0) for s in scs]
            ests = [estimate(indicator_values(s, days, "city")[key].values) for s in scs]
            m = np.array([e[0] for e in ests]) * scale
            h = np.array([e[1] if e[1] is not None else 0.0 for e in ests]) * scale
            label = ", ".join(f"{o}={num(v)}" for o, v in zip(others, g)) or None
            colour = COLOURS[gi % len(COLOURS)]
            ax.plot(xs, m, "o-", color=colour, label=label)
            if h.any():
                ax.fill_between(xs, m - h, m + h, color=colour, alpha=0.2, lw=0)
        ax.set_title(f"{name} ({'%' if percent else unit})", fontsize=10)
        ax.set_xlabel(x_name, fontsize=8)
        ax.grid(alpha=0.3)
    if others:
        axes[0, 0].legend(fontsize=7)
    fig.suptitle(f"City indicators against {x_name} (band: 95 % interval over replicates)", fontsize=11)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


# ----------------------------------------------------------------------------------------------------------
# The report.


def md_table(header, rows, left=2):
    """Markdown table; the first `left` columns (text) left-aligned, the others (numbers) right-aligned."""
    out = ["| " + " | ".join(header) + " |", "|" + "".join("---|" if i < left else "---:|" for i in range(len(header)))]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out) + "\n"


def common_days(scen):
    sets = [set(sc.ds["day"].values.tolist()) for sc in scen]
    common = set.intersection(*sets)
    if not common:
        raise InputProblem("the files have no day in common (compare runs of the same summer)")
    return np.array(sorted(common), dtype="datetime64[ns]"), all(s == sets[0] for s in sets)


def day_text(d):
    return str(np.datetime_as_string(d, unit="D"))


# Sensitivity: the effects written by `swsim sensitivity --csv` (Morris elementary effects per output and
# factor), shown as a ranking per output and a bar chart of mu*.

SENSITIVITY_COLUMNS = ["output", "factor", "rank", "mu_star", "mu", "sigma"]


def read_sensitivity(path):
    """{output: [(rank, factor, mu_star, mu, sigma)] sorted by rank} from a `swsim sensitivity --csv` file."""
    import csv
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
    except UnicodeDecodeError:
        raise InputProblem(f"{path}: not UTF-8 text (expected the CSV of `swsim sensitivity --csv`)")
    if not rows or [c.strip() for c in rows[0]] != SENSITIVITY_COLUMNS:
        raise InputProblem(f"{path}: not a `swsim sensitivity --csv` file (the header must be "
                           f"{','.join(SENSITIVITY_COLUMNS)})")
    effects = {}
    for line, r in enumerate(rows[1:], start=2):
        if not r:
            continue
        try:
            if len(r) != 6:
                raise ValueError
            rank, mu_star, mu, sigma = int(r[2]), float(r[3]), float(r[4]), float(r[5])
        except ValueError:
            raise InputProblem(f"{path}:{line}: expected output,factor,rank,mu_star,mu,sigma with numbers")
        effects.setdefault(r[0], []).append((rank, r[1], mu_star, mu, sigma))
    if not effects:
        raise InputProblem(f"{path}: has no effects")
    return {k: sorted(v) for k, v in effects.items()}


def sensitivity_figure(effects, path, top=8):
    outputs = list(effects)
    fig, axes = plt.subplots(1, len(outputs), figsize=(4.2 * len(outputs), 0.45 * top + 1.4), squeeze=False)
    for ax, out in zip(axes[0], outputs):
        rows = effects[out][:top][::-1]
        y = np.arange(len(rows))
        ax.barh(y - 0.18, [r[2] for r in rows], height=0.36, color="#0072B2", label="μ* (importance)")
        ax.barh(y + 0.18, [r[4] for r in rows], height=0.36, color="#E69F00", label="σ (interactions)")
        ax.set_yticks(y)
        ax.set_yticklabels([r[1] for r in rows], fontsize=8)
        ax.set_title(out, fontsize=10)
        ax.tick_params(axis="x", labelsize=8)
        if max([r[2] for r in rows] + [r[4] for r in rows]) <= 0:
            ax.set_xlim(0, 1)
            ax.text(0.5, 0.5, "no effect of these factors", transform=ax.transAxes, ha="center", fontsize=8)
        else:
            ax.set_xlim(left=0)
    axes[0][0].legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def sensitivity_section(md, effects, source, out_dir, figs):
    md.append(f"## Which assumptions matter (sensitivity, `{source}`)\n")
    md.append("From `swsim sensitivity` (Morris elementary effects, `docs/sensitivity.md`): each factor was moved "
              "over its whole range one at a time along random trajectories, every run with the same seeds. "
              "**μ\\*** is the mean absolute change of the output for a move over the factor's whole range "
              "(importance, in the output's units); **μ** the mean signed change (its direction, when it does not "
              "cancel); **σ** the spread of the changes (large against μ\\*: the effect depends on the other "
              "factors or is not linear). Answers that hinge on a factor high in this ranking should be given as a "
              "range over that factor (a `[sweep]`).\n")
    fig = "sensitivity.png"
    sensitivity_figure(effects, os.path.join(out_dir, fig))
    figs.append(fig)
    md.append(f"![Morris importance per output]({fig})\n")
    md.append("*Blue: μ\\* (importance); orange: σ (interactions and non-linearity); the eight most important "
              "factors per output.*\n")
    for out, rows in effects.items():
        md.append(f"### {out}\n")
        md.append(md_table(["rank", "factor", "μ*", "μ", "σ"],
                           [(r[0], f"`{r[1]}`", f"{r[2]:.4g}", f"{r[3]:.4g}", f"{r[4]:.4g}") for r in rows[:8]],
                           left=2))


def build_report(paths, out_dir, title=None, sensitivity=None):
    effects = read_sensitivity(sensitivity) if sensitivity else None
    os.makedirs(out_dir, exist_ok=True)
    load_indicators(first_result_path(paths))
    scen = expand(paths)
    days, same_days = common_days(scen)
    a = scen[0]
    figs = []
    md = []
    md.append(f"# {title or 'What-if report: social work stations in Jinan'}\n")
    md.append(f"Made by `swsim_report.py` on {datetime.date.today().isoformat()} from {len(scen)} simulation "
              f"result{'s' if len(scen) > 1 else ''}. Period: {len(days)} days, {day_text(days[0])} to "
              f"{day_text(days[-1])}" + ("" if same_days else " (only the days every file covers)") + ".\n")
    md.append("## How to read this report\n")
    md.append("- Each scenario is one simulated summer of Jinan's social work stations, named by a letter. "
              f"**{a.tag}** is the reference: the other scenarios are compared with it (difference = other − {a.tag}).\n"
              "- The figures are totals over the simulated stations and the period above. A run may simulate only "
              "some of Jinan's 161 stations (its *scale*); each simulated station has its whole catchment, so shares "
              "(%) and cost per meal speak for the city, while totals (meals, visits, hours) count only the simulated "
              "stations.\n"
              "- `±` is the half-width of a 95 % interval over *replicates* (repeated runs with different random "
              "seeds): the true average lies in the interval 19 times out of 20. A scenario run once has no interval; "
              "`swsim run --replicates 5` gives one.\n"
              "- For differences, *paired* means replicate r of one scenario was compared with replicate r of the "
              "other: same seeds, so both met the same random events (who fell ill, which volunteers came) and the "
              "difference is due to the scenario. *pp* = percentage points.\n")
    md.append("The indicators:\n")
    md.append(md_table(["indicator", "unit", "what it means"],
                       [(name, unit, meaning) for _, name, unit, _, _, meaning, _ in INDICATORS], left=3))

    # Scenarios
    md.append("## The scenarios\n")
    rows = []
    for sc in scen:
        changed = []
        if sc is not a:
            for k in sorted(set(sc.settings) | set(a.settings)):
                if k in ("run.days", "run.scale", "run.replicates") or sc.settings.get(k) == a.settings.get(k):
                    continue
                changed.append(f"`{k}` {a.settings.get(k, '–')} → {sc.settings.get(k, '–')}")
        nst = sc.ds.sizes["station"]
        rows.append((f"**{sc.tag}**", sc.label, "; ".join(changed) if changed else ("reference" if sc is a else "same settings"),
                     f"{nst} of 161 (scale {sc.ds.attrs.get('scale', '?')})",
                     f"{sc.replicates} (seed{'s' if sc.replicates > 1 else ''} {', '.join(map(str, sc.seeds[:5]))}"
                     f"{', ...' if len(sc.seeds) > 5 else ''})", f"`{os.path.basename(sc.path)}`"))
    md.append(md_table(["", "scenario", f"settings that differ from {a.tag}", "stations", "replicates", "file"], rows,
                       left=6))
    for sc in scen:
        if sc.comments:
            md.append(f"- **{sc.tag}** — " + "; ".join(sc.comments) + f" (file `{sc.path}`)")
    md.append("")

    # Headline
    md.append("## Headline indicators (city)\n")
    head = ["", "scenario"] + [f"{name} ({'%' if p else unit})" for _, name, unit, p, *_ in INDICATORS]
    rows = []
    city = [indicator_values(sc, days, "city") for sc in scen]
    for sc, v in zip(scen, city):
        rows.append([f"**{sc.tag}**", sc.label] + [fmt(k, *estimate(v[k].values)[:2]) for k, *_ in INDICATORS])
    md.append(md_table(head, rows))
    if len(scen) > 1:
        md.append(f"### Difference from {a.tag}\n")
        rows, sentences = [], []
        for sc, v in zip(scen[1:], city[1:]):
            kind = pairing(a, sc)
            cells = []
            for k, *_ in INDICATORS:
                m, h, _ = difference(city[0][k].values, v[k].values, kind == "paired")
                cells.append(fmt(k, m, h, signed=True))
            rows.append([f"**{sc.tag}** − {a.tag}", kind] + cells)
            m, h, _ = difference(city[0]["on_time_rate"].values, v["on_time_rate"].values, kind == "paired")
            mm, hm, _ = difference(city[0]["meals_missed"].values, v["meals_missed"].values, kind == "paired")
            sentences.append(f"- **{sc.tag}** ({sc.label}): on-time lunch {fmt('on_time_rate', m, h, True)}, "
                             f"missed meals {fmt('meals_missed', mm, hm, True)} compared with {a.tag}"
                             + (" (95 % interval excludes 0)." if h is not None and abs(m) > h else
                                " (the 95 % interval includes 0: no clear difference)." if h is not None else "."))
        md.append(md_table(["", "interval"] + head[2:], rows))
        md.append("\n".join(sentences) + "\n")

    # Where they differ
    if len(scen) > 1:
        md.append("## Where they differ\n")
        shown = scen[1:9]
        if len(scen) > 9:
            md.append(f"(The first {len(shown)} scenarios after {a.tag} are shown.)\n")
        for sc in shown:
            md.append(f"### {sc.tag} vs {a.tag}: {sc.label}\n")
            fig = f"areas_{sc.tag}.png"
            by_area = area_difference_figure(a, sc, days, os.path.join(out_dir, fig))
            figs.append(fig)
            ranked = sorted(by_area["on_time_rate"].items(), key=lambda kv: kv[1])
            md.append(f"![Change by management area, {sc.tag} vs {a.tag}]({fig})\n")
            md.append(f"*Each bar is a management area: the change in on-time lunch (percentage points), missed meals "
                      f"and visits done when going from {a.tag} to {sc.tag}. Areas are sorted by the change in on-time "
                      f"lunch.* Largest gain in on-time lunch: {ranked[-1][0]} ({ranked[-1][1]:+.1f} pp); smallest: "
                      f"{ranked[0][0]} ({ranked[0][1]:+.1f} pp).\n")
            stations = station_difference(a, sc, days)
            if stations:
                fig = f"stations_{sc.tag}.png"
                station_map_figure(a, sc, stations, os.path.join(out_dir, fig))
                figs.append(fig)
                md.append(f"![Stations coloured by the change in on-time lunch, {sc.tag} vs {a.tag}]({fig})\n")
                md.append(f"*Each dot is a station at its location; colour = change in the share of lunches on time "
                          f"({sc.tag} − {a.tag}); {len(stations)} stations simulated in both runs.*\n")
                best = sorted(stations, key=lambda s: -s["d"])[:5]
                md.append(md_table(["station", "area", f"on time {a.tag}", f"on time {sc.tag}", "change",
                                    "missed meals change"],
                                   [(f"{s['name']} {s['name_zh']}", s["area"], f"{100 * s['a']:.1f}%",
                                     f"{100 * s['b']:.1f}%", f"{100 * s['d']:+.1f} pp", f"{s['missed_d']:+.0f}")
                                    for s in best]))
                md.append(f"*The five stations whose on-time lunch changed most (means over replicates).*\n")
            else:
                md.append("*The two runs share no station (different scale or coverage): compared per area only.*\n")

    # Allocations of swsim optimize
    for sc in scen:
        if "optimize_units_added" in sc.ds:
            lines, extra = allocation_section(sc, out_dir)
            md.extend(lines)
            figs.extend(extra)

    # Daily series
    md.append("## Day by day (city)\n")
    fig = "daily_city.png"
    daily_city_figure(scen, days, os.path.join(out_dir, fig))
    figs.append(fig)
    nwave = int((scen[0].day_series("heat_wave").sel(day=days).values > 0).sum())
    md.append(f"![City series]({fig})\n")
    md.append(f"*Daily share of lunches on time, missed meals and heat-illness events for the whole simulated city, "
              f"and the day's maximum temperature (dashed line: 35 °C). Dark red shading marks the {nwave} heat-wave days "
              f"(3 or more days at 35 °C or above), light shading heat-warning days (weather of {a.tag}). "
              + ("Lines: mean over replicates; bands: lowest to highest replicate on the day. "
                 if any(s.replicates > 1 for s in scen) else "")
              + (f"Only the first 8 scenarios are drawn. " if len(scen) > 8 else "") + "*\n")

    # Sweeps
    sweeps = {}
    for sc in scen:
        if sc.sweep:
            sweeps.setdefault(sc.sweep, []).append(sc)
    for n, (path, points) in enumerate(sweeps.items()):
        params = list(points[0].params)
        md.append(f"## Sweep: {', '.join(params) or 'points'} (`{path}`)\n")
        if params:
            fig = f"sweep_{n}.png"
            sweep_figure(points, days, params, os.path.join(out_dir, fig))
            figs.append(fig)
            md.append(f"![Indicators against {params[0]}]({fig})\n")
            md.append(f"*Each dot is a grid point of the sweep (the whole city); the band is the 95 % interval over "
                      f"replicates when the points have replicates.*\n")
        rows = [[f"**{p.tag}**"] + [num(p.params[k]) for k in params]
                + [fmt(k, *estimate(indicator_values(p, days, 'city')[k].values)[:2]) for k, *_ in INDICATORS]
                for p in points]
        md.append(md_table([""] + params + [name for _, name, *_ in INDICATORS], rows, left=1))

    if effects:
        sensitivity_section(md, effects, sensitivity, out_dir, figs)

    md.append("## Notes\n")
    md.append("- Results come from the swsim model (`docs/odd.md`): synthetic elders placed from census figures, "
              "services simulated minute by minute each day. They show the direction and rough size of a change, "
              "not a forecast for a given street.\n"
              "- Heat illness counts episodes by day of onset; *found early* means found by anyone (family, a "
              "neighbour, the alarm platform, a lunch hand-over, a check-in call or a visit) within "
              "`health.early_min` (60 minutes) of the onset, when cooling still saves most lives.\n"
              "- Cost per meal divides all station costs by lunches handed over, so more staff raises it even "
              "when more lunches arrive on time.\n")
    md.append("Files: " + ", ".join(f"**{sc.tag}** `{sc.path}`" for sc in scen) + "\n")
    report = os.path.join(out_dir, "report.md")
    with open(report, "w", encoding="utf-8") as f:
        f.write("\n".join(md))
    for sc in scen:
        sc.ds.close()
    return report, figs


def printable(text):
    """Text safe for a one-line message: bytes that were not UTF-8 (surrogate escapes) and control
    characters become \\xNN, line breaks become spaces."""
    out = []
    for ch in str(text):
        o = ord(ch)
        if 0xDC80 <= o <= 0xDCFF:
            out.append(f"\\x{o - 0xDC00:02X}")
        elif ch in "\r\n":
            out.append(" ")
        elif o < 0x20 and ch != "\t" or o == 0x7F:
            out.append(f"\\x{o:02X}")
        else:
            out.append(ch)
    return "".join(out)


def describe_error(e):
    """One line for an exception from the libraries: netCDF's "[Errno -101] NetCDF: HDF error" and the
    like are said in words, naming the file."""
    if isinstance(e, OSError):
        name = e.filename
        if isinstance(name, bytes):  # netCDF4 gives the file name as bytes
            name = os.fsdecode(name)
        raw = str(e)
        if (e.errno is not None and e.errno < 0) or "NetCDF" in raw or "HDF" in raw or "HDF5" in raw:
            where = f"{name}: " if name else ""
            return (f"{where}cannot read the file: truncated, damaged, locked by a program writing it, or not a "
                    "swsim result (netCDF-4/HDF5)")
        if name is not None and e.strerror:
            return f"{name}: {e.strerror.lower()}"
    return str(e)


def main(argv=None):
    # Run by `swsim-analyze report`, errors carry its prefix (SWSIM_REPORT_PROG); run directly, this name.
    prog = os.environ.get("SWSIM_REPORT_PROG", "swsim_report")
    p = argparse.ArgumentParser(prog=prog, description="Markdown what-if report with PNG figures from swsim result files "
                                            "(the first file is the reference).")
    p.add_argument("--out", required=True, help="output folder (report.md and the PNG figures)")
    p.add_argument("--title", help="report title")
    p.add_argument("--sensitivity", help="CSV written by `swsim sensitivity --csv`: adds a section on which "
                                         "assumptions matter")
    p.add_argument("files", nargs="+", help="result files (.h5) or sweep indexes (sweep.h5)")
    args = p.parse_args(argv)
    # Exit codes as swsim-analyze: 2 for bad input (a file that cannot be read or used), 1 for a failure
    # while writing the report. On failure nothing is left behind: a folder this run made is removed.
    created = not os.path.exists(args.out)
    code, message = 0, None
    try:
        report, figs = build_report(args.files, args.out, args.title, args.sensitivity)
    except InputProblem as e:
        code, message = 2, f"{prog}: error: {e}"
    except SystemExit as e:  # argparse and older checks raise SystemExit("swsim_report: error: ...")
        if not isinstance(e.code, str):
            raise
        code, message = 2, e.code.replace("swsim_report:", f"{prog}:", 1)
    except UnicodeError:  # netCDF cannot open a file whose name is not UTF-8
        bad = next((f for f in args.files if f != os.fsdecode(os.fsencode(f)) or any(0xDC80 <= ord(c) <= 0xDCFF for c in f)),
                   "a file")
        code, message = 2, f"{prog}: error: {bad}: the file name is not UTF-8 text (rename the file)"
    except (OSError, ValueError, KeyError, IndexError, TypeError, RuntimeError) as e:
        writing = isinstance(e, OSError) and e.filename is not None and \
            os.path.abspath(str(e.filename)).startswith(os.path.abspath(args.out) + os.sep)
        code, message = (1 if writing else 2), f"{prog}: error: " + describe_error(e)
    if code:
        if created and os.path.isdir(args.out):
            shutil.rmtree(args.out, ignore_errors=True)
        print(printable(message), file=sys.stderr)
        return code
    print(f"{report} ({len(figs)} figures)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
