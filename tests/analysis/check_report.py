#!/usr/bin/python3
"""Checks of the what-if report (analysis/swsim_report.py).

  check_report.py --unit path/to/swsim_report.py
      the report's own statistics (t quantiles, intervals, paired differences, formatting)
  check_report.py --analyze path/to/swsim-analyze --out DIR FILE...
      `swsim-analyze report` writes DIR/report.md and PNG figures: every figure referenced exists, is a
      non-trivial PNG, and every PNG written is referenced; the report's city indicators agree with
      `swsim-analyze summary --format csv`.
"""
import argparse
import csv
import importlib.util
import io
import math
import os
import re
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "..", "..", "analysis", "swsim_report.py")


def load(path):
    spec = importlib.util.spec_from_file_location("swsim_report", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def check(cond, msg):
    if not cond:
        print("FAIL:", msg)
        sys.exit(1)


def unit(path, sample):
    r = load(path)
    r.load_indicators(sample)  # the indicators come from the file, as swsim wrote them
    check([i[0] for i in r.INDICATORS][:2] == ["on_time_rate", "meals_missed"], f"indicators: {r.INDICATORS}")
    check("meals_requested" in r.NEEDED, f"needed metrics: {r.NEEDED}")
    for df, q in [(1, 12.706204736432095), (2, 4.302652729911275), (4, 2.7764451051977987),
                  (9, 2.2621571627409915), (29, 2.045229642132703), (1000, 1.9623390808264074)]:
        check(abs(r.t_quantile(0.975, df) - q) < 1e-8 * q, f"t quantile df={df}: {r.t_quantile(0.975, df)} != {q}")
    m, h, n = r.estimate([1, 2, 3, 4, 5])
    check(m == 3 and n == 5 and abs(h - 1.9632431614775607) < 1e-8, f"estimate: {m} {h} {n}")
    check(r.estimate([4])[1] is None, "one replicate has no interval")
    m, h, _ = r.difference([0.3, 0.2, 0.25], [0.3, 0.2, 0.25], paired=True)
    check(m == 0 and h == 0, "paired difference of a sample with itself is 0 ± 0")
    m, h, _ = r.difference([1, 2, 3, 4, 5], [2, 4, 7, 5, 9, 10], paired=False)
    check(abs(m - 3.166666666666667) < 1e-12 and abs(h - 3.3312440642504857) < 1e-7, f"Welch: {m} {h}")
    check(r.fmt("on_time_rate", 0.4231, 0.0121) == "42.3% ±1.2", r.fmt("on_time_rate", 0.4231, 0.0121))
    check(r.fmt("on_time_rate", 0.092, None, signed=True) == "+9.2 pp", r.fmt("on_time_rate", 0.092, None, True))
    check(r.fmt("meals_missed", -778.0, None, signed=True) == "-778", "signed count")
    print("report statistics OK")


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    check(head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG")
    return struct.unpack(">II", head[16:24])


def report(analyze, out, files):
    res = subprocess.run([analyze, "report", "--out", out] + files, capture_output=True, text=True)
    check(res.returncode == 0, f"swsim-analyze report failed ({res.returncode}): {res.stderr.strip()}")
    md_path = os.path.join(out, "report.md")
    check(os.path.getsize(md_path) > 2000, "report.md is (nearly) empty")
    md = open(md_path, encoding="utf-8").read()
    for heading in ["## How to read this report", "## The scenarios", "## Headline indicators (city)",
                    "## Day by day (city)"]:
        check(heading in md, f"report.md lacks '{heading}'")
    refs = re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", md)
    check(len(refs) >= 2, f"too few figures referenced: {refs}")
    for ref in refs:
        p = os.path.join(out, ref)
        check(os.path.exists(p), f"figure {ref} referenced but missing")
        check(os.path.getsize(p) > 5000, f"figure {ref} is too small to show anything")
        w, h = png_size(p)
        check(w >= 300 and h >= 300, f"figure {ref} is {w}x{h}")
    written = sorted(f for f in os.listdir(out) if f.endswith(".png"))
    check(sorted(set(refs)) == written, f"PNGs written {written} != referenced {sorted(set(refs))}")
    if len(files) > 1:
        check("### Difference from A" in md and "## Where they differ" in md, "no comparison section")
    if any(f.endswith("sweep.h5") for f in files):
        check("## Sweep:" in md and "sweep_0.png" in refs, "no sweep section")
    if any(os.path.basename(f).startswith("optimized") for f in files):  # written by swsim optimize --out
        check("## Allocation: A (`swsim optimize`)" in md and "allocation_A.png" in refs, "no allocation section")
        check("optimised − uniform" in md and "Units added by area:" in md, "allocation section incomplete")

    # The report's numbers agree with swsim-analyze summary (C++).
    res = subprocess.run([analyze, "summary", "--format", "csv"] + files, capture_output=True, text=True)
    check(res.returncode == 0, "swsim-analyze summary --format csv failed: " + res.stderr)
    rows = [r for r in csv.DictReader(io.StringIO(res.stdout)) if r["area"].startswith("Jinan")]
    r = load(SCRIPT)
    scen = r.expand(files)
    days, _ = r.common_days(scen)
    check(len(rows) == len(scen), f"{len(rows)} city rows in the CSV for {len(scen)} scenarios")
    for sc, row in zip(scen, rows):
        vals = r.indicator_values(sc, days, "city")
        for key, _, _, percent, *_ in r.INDICATORS:
            m, h, _ = r.estimate(vals[key].values)
            scale = 100.0 if percent else 1.0
            c_mean = float(row[key + "_mean"])
            check(math.isclose(m * scale, c_mean, rel_tol=1e-4, abs_tol=1e-6),
                  f"{sc.label} {key}: Python {m * scale} != C++ {c_mean}")
            if h is not None:
                check(math.isclose(h * scale, float(row[key + "_ci95"]), rel_tol=1e-4, abs_tol=1e-6),
                      f"{sc.label} {key} interval: Python {h * scale} != C++ {row[key + '_ci95']}")
    print(f"report OK: {md_path}, {len(refs)} figures; Python and C++ indicators agree")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--unit")
    p.add_argument("--sample", help="a result file whose indicators the unit checks use")
    p.add_argument("--analyze")
    p.add_argument("--out")
    p.add_argument("files", nargs="*")
    a = p.parse_args()
    if a.unit:
        unit(a.unit, a.sample)
    else:
        report(a.analyze, a.out, a.files)


if __name__ == "__main__":
    main()
