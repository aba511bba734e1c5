#!/usr/bin/env python3
"""swsim-analyze report --sensitivity CSV: the report gains a section on which assumptions matter, read
from the CSV that `swsim sensitivity --csv` wrote; a CSV of another kind or a missing one is refused
with one line and exit code 2, and no report folder is left behind.

    check_sensitivity_report.py --analyze SWSIM_ANALYZE --csv MORRIS.csv --out DIR RESULT.h5
"""
import argparse
import csv
import os
import shutil
import subprocess
import sys

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--analyze", required=True)
    p.add_argument("--csv", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("result")
    a = p.parse_args()
    shutil.rmtree(a.out, ignore_errors=True)
    with open(a.csv, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    outputs = list(dict.fromkeys(r["output"] for r in rows))
    check(len(outputs) >= 2 and len(rows) >= 4, f"the sensitivity CSV has outputs and factors ({len(rows)} rows)")

    run = subprocess.run([a.analyze, "report", "--out", a.out, "--sensitivity", a.csv, a.result],
                         capture_output=True, text=True)
    check(run.returncode == 0, f"report with --sensitivity succeeds (stderr: {run.stderr.strip()})")
    md = open(os.path.join(a.out, "report.md"), encoding="utf-8").read() if run.returncode == 0 else ""
    check("## Which assumptions matter (sensitivity" in md, "the report has the sensitivity section")
    for out in outputs:
        check(f"### {out}\n" in md, f"a ranking for output {out}")
        top = min((r for r in rows if r["output"] == out), key=lambda r: int(r["rank"]))
        section = md.split(f"### {out}\n", 1)[-1]
        first_row = next((l for l in section.splitlines() if l.startswith("| 1 |")), "")
        check(f"`{top['factor']}`" in first_row, f"{out}: rank 1 is {top['factor']} as in the CSV")
    png = os.path.join(a.out, "sensitivity.png")
    check(os.path.exists(png) and open(png, "rb").read(8) == b"\x89PNG\r\n\x1a\n", "the chart is a PNG")
    check("![Morris importance per output](sensitivity.png)" in md, "the report shows the chart")

    # Refusals: one line, exit 2, nothing left behind.
    bad = os.path.join(os.path.dirname(a.out) or ".", "not_morris.csv")
    with open(bad, "w", encoding="utf-8") as f:
        f.write("id,target,source,low,high,model,pass\n")
    for path, words in ((bad, "not a `swsim sensitivity --csv` file"), (bad + ".missing", "no such file")):
        out_dir = a.out + "_refused"
        shutil.rmtree(out_dir, ignore_errors=True)
        r = subprocess.run([a.analyze, "report", "--out", out_dir, "--sensitivity", path, a.result],
                           capture_output=True, text=True)
        err = r.stderr.strip()
        check(r.returncode == 2, f"{os.path.basename(path)}: exit 2 (got {r.returncode})")
        check(len(err.splitlines()) == 1 and words in err and path in err, f"one line naming the file: {err}")
        check(not os.path.exists(out_dir), "no report folder left behind")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
