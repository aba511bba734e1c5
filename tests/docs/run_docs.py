#!/usr/bin/python3
"""Runs the ```sh command blocks of the documentation, in order, in a scratch folder: a command that fails
as written fails the test.

  run_docs.py --source SRC --build BUILD --work DIR [--bin PREFIX/bin] [--full] [FILE.md ...]

FILEs are run in the order given (default: README.md, docs/user-guide.md, docs/analysis.md, then the
other docs/*.md by name); every docs/*.md not named is appended, so a new page is never left out.
One folder is shared by all blocks, as a reader following the docs would: DIR holds `scenarios`,
`analysis` and `scripts` (links into SRC), `out/` and `report/` as the docs write them, and `build/`
with `build/sim/swsim`, `build/analysis/swsim-analyze` and `build/viz/swsim-viz`. The same programs are
first on PATH (from --bin, an install prefix, when given), so bare `swsim` works as after installing.

Markers, an HTML comment on the line(s) just before a block (invisible when the Markdown is rendered):
  <!-- docs-test: skip REASON -->     the block is not run (apt-get, builds, mpirun, a window, ...)
  <!-- docs-test: instead COMMAND --> the block is not run; COMMAND (one line) runs in its place, for a
                                      block whose useful effect later blocks need (e.g. a result file)
Each block runs as one `bash -e -o pipefail` script in DIR.

Unless --full is given, `swsim run` and `swsim sweep` get `--scale 0.05` when the command has no
--scale (15 stations, one per area: the same commands and files, a hundredth of the time).
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import time

MARKER = re.compile(r"^<!--\s*docs-test:\s*(skip|instead)\b\s*(.*?)\s*-->\s*$")


def blocks_of(path):
    """[(line, kind, text, marker_argument)] of the ```sh blocks of a Markdown file; kind is run, skip or
    instead."""
    out = []
    lines = open(path, encoding="utf-8").read().split("\n")
    marker = None
    i = 0
    while i < len(lines):
        line = lines[i]
        m = MARKER.match(line)
        if m:
            marker = (m.group(1), m.group(2))
        elif line.strip() == "```sh":
            start = i + 1
            body = []
            i += 1
            while i < len(lines) and lines[i].strip() != "```":
                body.append(lines[i])
                i += 1
            kind, arg = marker if marker else ("run", "")
            out.append((start, kind, "\n".join(body) + "\n", arg))
            marker = None
        elif line.strip() and not line.startswith("<!--"):
            marker = None  # a marker applies to the block right after it only
        i += 1
    return out


WRAPPER = """#!/bin/sh
# docs test: {real}{note}
{body}
"""


def write_wrapper(path, real, scale):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if scale and os.path.basename(real) == "swsim":
        body = ('case "$1" in run|sweep)\n'
                '  case " $* " in *" --scale "*|*" --scale="*|*" --help "*|*" -h "*) ;;\n'
                f'    *) exec "{real}" "$@" --scale {scale} ;; esac ;;\nesac\n'
                f'exec "{real}" "$@"')
        note = f" (run/sweep without --scale get --scale {scale})"
    else:
        body = f'exec "{real}" "$@"'
        note = ""
    with open(path, "w") as f:
        f.write(WRAPPER.format(real=real, note=note, body=body))
    os.chmod(path, 0o755)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--source", required=True)
    p.add_argument("--build", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--bin", help="folder of installed programs to put first on PATH (default: the build's)")
    p.add_argument("--full", action="store_true", help="run swsim at the scale the docs say")
    p.add_argument("files", nargs="*")
    a = p.parse_args()
    src, build, work = (os.path.abspath(x) for x in (a.source, a.build, a.work))
    scale = None if a.full else "0.05"

    files = [os.path.join(src, f) for f in (a.files or ["README.md", "docs/user-guide.md", "docs/analysis.md"])]
    for f in sorted(glob.glob(os.path.join(src, "docs", "*.md"))):
        if f not in files:
            files.append(f)

    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    for name in ("scenarios", "analysis", "scripts"):
        os.symlink(os.path.join(src, name), os.path.join(work, name))
    programs = {"swsim": "sim", "swsim-analyze": "analysis", "swsim-viz": "viz"}
    bindir = os.path.join(work, ".docs-test-bin")
    for prog, sub in programs.items():
        built = os.path.join(build, sub, prog)
        if not os.path.exists(built):
            continue
        write_wrapper(os.path.join(work, "build", sub, prog), built, scale)
        installed = os.path.join(os.path.abspath(a.bin), prog) if a.bin else built
        write_wrapper(os.path.join(bindir, prog), installed if os.path.exists(installed) else built, scale)
    env = dict(os.environ)
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    env.pop("SWSIM_REPORT_SCRIPT", None)

    ran = skipped = 0
    t0 = time.time()
    for f in files:
        rel = os.path.relpath(f, src)
        for line, kind, text, arg in blocks_of(f):
            if kind == "skip":
                print(f"skip    {rel}:{line}  {arg}")
                skipped += 1
                continue
            script = arg + "\n" if kind == "instead" else text
            label = "instead" if kind == "instead" else "run"
            t = time.time()
            res = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=work, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace")
            print(f"{label:8s}{rel}:{line}  {time.time() - t:.1f} s")
            if res.returncode != 0:
                print(f"\nFAIL: {rel}:{line}: the block exits with {res.returncode}. The block:\n{script}")
                print("Its last lines of output:\n" + "\n".join(res.stdout.splitlines()[-25:]))
                return 1
            ran += 1
    print(f"{ran} blocks ran, {skipped} skipped, from {len(files)} files, in {time.time() - t0:.1f} s"
          f"{'' if a.full else ' (swsim at --scale 0.05 unless a command sets it)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
