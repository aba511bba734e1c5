#!/usr/bin/env python3
"""Regenerates the tables in docs/ from the code's own definitions, so the docs cannot drift.

Each generated block in a Markdown file sits between
    <!-- BEGIN GENERATED: swsim ARGS -->
    <!-- END GENERATED -->
and is replaced by the output of `swsim ARGS`.

    scripts/gen_docs.py --swsim build/sim/swsim           # rewrite docs/*.md
    scripts/gen_docs.py --swsim build/sim/swsim --check   # exit 1 if any block is stale (a ctest)
"""
import argparse
import difflib
import pathlib
import re
import subprocess
import sys

BLOCK = re.compile(r"(<!-- BEGIN GENERATED: swsim ([^>]*?) -->\n)(.*?)(<!-- END GENERATED -->)", re.S)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--swsim", required=True, help="path to the swsim binary")
    ap.add_argument("--check", action="store_true", help="only check; exit 1 when a block is out of date")
    ap.add_argument("--docs", default=str(pathlib.Path(__file__).resolve().parent.parent / "docs"))
    args = ap.parse_args()

    stale = []
    outputs = {}  # the same command in two files runs once (the validation rows appear in two documents)
    for md in sorted(pathlib.Path(args.docs).glob("*.md")):
        text = md.read_text(encoding="utf-8")

        def fill(m: re.Match) -> str:
            # Run from the repository root, so relative paths in the blocks (scenarios/...) resolve. Exit 1 is
            # accepted for `swsim validate`, whose report is the output even when a row fails.
            cmd = [args.swsim, *m.group(2).split()]
            if m.group(2) in outputs:
                return m.group(1) + outputs[m.group(2)] + m.group(4)
            run = subprocess.run(cmd, capture_output=True, text=True, cwd=pathlib.Path(args.docs).parent)
            if run.returncode not in (0, 1) or (run.returncode == 1 and cmd[1] != "validate") or not run.stdout:
                sys.exit(f"gen_docs: {' '.join(cmd)} failed ({run.returncode}): {run.stderr.strip()}")
            outputs[m.group(2)] = run.stdout
            return m.group(1) + run.stdout + m.group(4)

        new = BLOCK.sub(fill, text)
        if new != text:
            stale.append(md)
            if args.check:
                sys.stdout.writelines(difflib.unified_diff(text.splitlines(True), new.splitlines(True), str(md), "generated"))
            else:
                md.write_text(new, encoding="utf-8")
                print(f"updated {md}")
    if args.check and stale:
        print("docs out of date: run scripts/gen_docs.py --swsim build/sim/swsim", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
