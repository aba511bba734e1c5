#!/usr/bin/python3
"""Makes the result-file fuzz corpus: a small result written by the real swsim, then cut and
bit-flipped copies of it. Usage: make_results_corpus.py SWSIM SCENARIO OUT_DIR (run by ctest before
reliability.fuzz_corpus_results, and by scripts/fuzz.sh to seed the results fuzzer)."""
import os
import shutil
import subprocess
import sys

swsim, scenario, out = sys.argv[1:4]
shutil.rmtree(out, ignore_errors=True)
os.makedirs(out)
whole = os.path.join(out, "whole.h5")
# Run in OUT_DIR with relative names and argv[0] "swsim", so the file (which records its command line
# and scenario name) is the same byte for byte in every build tree and the cut/flip places are too;
# SOURCE_DATE_EPOCH fixes the time of writing (date_created, history).
shutil.copyfile(scenario, os.path.join(out, "scenario.ini"))
subprocess.run(["swsim", "run", "--scenario", "scenario.ini", "--scale", "0.01", "--days", "2", "--quiet",
                "--out", "whole.h5"], executable=os.path.abspath(swsim), cwd=out, check=True,
               env={**os.environ, "SOURCE_DATE_EPOCH": "1656633600"})
os.remove(os.path.join(out, "scenario.ini"))
data = open(whole, "rb").read()
n = len(data)
for k in (1, 2, 3, 5, 8, 13, 21, 34, 55, 89):  # cut at a spread of lengths
    with open(os.path.join(out, f"cut_{k:02d}.h5"), "wb") as f:
        f.write(data[: n * k // 100])
positions = list(range(8, 1024, 61)) + [n * k // 40 for k in range(1, 40)]
for i, p in enumerate(positions):  # one byte flipped: the superblock, object headers, then the body
    b = bytearray(data)
    b[p] ^= 0xFF if i % 2 else 0x01
    with open(os.path.join(out, f"flip_{i:02d}.h5"), "wb") as f:
        f.write(bytes(b))
