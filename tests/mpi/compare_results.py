#!/usr/bin/env python3
"""Exit 0 when two swsim result files hold the same datasets (attributes such as command_line may differ)."""
import sys

import h5py
import numpy as np


def datasets(f):
    out = {}
    f.visititems(lambda name, obj: out.__setitem__(name, obj[()]) if isinstance(obj, h5py.Dataset) else None)
    return out


a, b = (datasets(h5py.File(p, "r")) for p in sys.argv[1:3])
if a.keys() != b.keys():
    sys.exit(f"different variables: {sorted(set(a) ^ set(b))}")
for k in a:
    if not np.array_equal(a[k], b[k]):
        sys.exit(f"{k} differs between {sys.argv[1]} and {sys.argv[2]}")
print(f"same data: {sys.argv[1]} {sys.argv[2]} ({len(a)} datasets)")
