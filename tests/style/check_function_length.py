#!/usr/bin/env python3
"""Fails when a function in the simulation library (sim/swsim) or the benchmark (bench/) is longer than
the limit.

The library's functions are meant to be short named steps and rules (docs/developing.md); the parameter
registry's table (build_registry) and the table of the 161 units (jinan_units) are the exceptions. A function is a definition that starts at the
start of a line and ends with the first "}" at the start of a line after it (clang-format's layout).

    check_function_length.py SOURCE_DIR [--max 80]
"""
import argparse
import pathlib
import re
import sys

EXEMPT = {"build_registry", "jinan_units"}  # data tables
START = re.compile(r"^[A-Za-z_][\w:<>,\s\*&~\[\]]*?\b([A-Za-z_]\w*(?:::[A-Za-z_~]\w*)*)\s*\(.*$")
NOT_FUNCTIONS = ("namespace", "struct", "class", "enum", "union", "template", "using", "typedef", "#", "//",
                 "extern", "static_assert", "inline constexpr", "constexpr std::array")


def functions(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        m = START.match(line)
        if m and not line.startswith(NOT_FUNCTIONS) and not line.rstrip().endswith(";"):
            # the signature may continue; the body opens with "{" at the end of a line
            j = i
            while j < len(lines) and not lines[j].rstrip().endswith("{") and not lines[j].rstrip().endswith(";"):
                j += 1
            if j < len(lines) and lines[j].rstrip().endswith("{"):
                k = j + 1
                while k < len(lines) and not lines[k].startswith("}"):
                    k += 1
                yield m.group(1).split("::")[-1], i + 1, k - i + 1
                i = k
        i += 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source_dir")
    ap.add_argument("--max", type=int, default=80)
    a = ap.parse_args()
    src = pathlib.Path(a.source_dir)
    paths = sorted(p for root in (src / "sim" / "swsim", src / "bench") for p in root.rglob("*.[ch]pp"))
    long = []
    count = 0
    for path in paths:
        for name, line, length in functions(path):
            count += 1
            if length > a.max and name not in EXEMPT:
                long.append(f"{path.relative_to(a.source_dir)}:{line}: {name} has {length} lines (limit {a.max})")
    for l in long:
        print(l)
    print(f"{count} functions checked, {len(long)} longer than {a.max} lines")
    return 1 if long or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
