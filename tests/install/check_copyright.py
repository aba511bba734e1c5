#!/usr/bin/env python3
"""Checks a debian/copyright file against the machine-readable format 1.0
(https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/): deb822 paragraphs; the first
(header) paragraph starts with Format and names Upstream-Name; every Files paragraph has Copyright and
License; every license short name used without its text has a stand-alone License paragraph with text;
continuation lines start with a space and an empty continuation line is a lone ".".
Usage: check_copyright.py FILE   (exit 0 when well-formed; one line naming the problem otherwise)"""
import sys

FORMAT = "https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"


def paragraphs(text, path):
    paras, cur, key = [], [], None
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            if cur:
                paras.append(dict(cur))
            cur, key = [], None
            continue
        if line[0] in " \t":
            if key is None:
                raise ValueError(f"{path}:{n}: continuation line outside a field")
            body = line.strip()
            if body == "":
                raise ValueError(f"{path}:{n}: an empty continuation line must be ' .'")
            cur[-1] = (key, cur[-1][1] + "\n" + ("" if body == "." else body))
            continue
        if ":" not in line:
            raise ValueError(f"{path}:{n}: not a 'Field: value' line: {line!r}")
        key, value = line.split(":", 1)
        if any(k == key for k, _ in cur):
            raise ValueError(f"{path}:{n}: field {key} twice in one paragraph")
        cur.append((key, value.strip()))
    if cur:
        paras.append(dict(cur))
    return paras


def check(path):
    with open(path, encoding="utf-8") as f:
        paras = paragraphs(f.read(), path)
    if not paras or paras[0].get("Format") != FORMAT:
        raise ValueError(f"{path}: the first paragraph must start with 'Format: {FORMAT}'")
    if not paras[0].get("Upstream-Name"):
        raise ValueError(f"{path}: the header paragraph has no Upstream-Name")
    files = [p for p in paras[1:] if "Files" in p]
    if not files or files[0]["Files"].split() != ["*"]:
        raise ValueError(f"{path}: the first Files paragraph must be 'Files: *'")
    texts = {p["License"].split("\n", 1)[0]: p["License"] for p in paras[1:] if "Files" not in p and "License" in p}
    for p in paras[1:]:
        if "Files" not in p and "License" not in p:
            raise ValueError(f"{path}: a paragraph with neither Files nor License: {sorted(p)}")
    for p in files:
        for field in ("Copyright", "License"):
            if not p.get(field, "").strip():
                raise ValueError(f"{path}: Files: {p['Files']} has no {field}")
        name, _, text = p["License"].partition("\n")
        if not text.strip() and not texts.get(name, "").partition("\n")[2].strip():
            raise ValueError(f"{path}: license '{name}' has neither text nor a stand-alone License paragraph")
    return len(files)


if __name__ == "__main__":
    try:
        n = check(sys.argv[1])
    except (OSError, ValueError, UnicodeDecodeError) as e:
        print(f"check_copyright: {e}", file=sys.stderr)
        sys.exit(1)
    print(f"{sys.argv[1]}: machine-readable debian/copyright, {n} Files paragraphs")
