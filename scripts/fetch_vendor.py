"""Fetch pinned front-end files from the npm registry, check their integrity, copy them in.

Vendor files are never committed: `make install` runs this, and it does nothing when the
pinned version is already in place.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# package, version, the registry's sha512 integrity, file in the package -> where it goes.
PINNED = [
    (
        "htmx.org",
        "2.0.8",
        "sha512-fm297iru0iWsNJlBrjvtN7V9zjaxd+69Oqjh4F/Vq9Wwi2kFisLcrLCiv5oBX0KLfOX/zG8AUo9ROMU5XUB44Q==",
        "package/dist/htmx.min.js",
        ROOT / "caseboard" / "static" / "vendor" / "htmx.min.js",
    ),
    (  # for the accessibility checks of the browser tests only; never served
        "axe-core",
        "4.10.3",
        "sha512-Xm7bpRXnDSX2YE2YFfBk2FnF0ep6tmG7xPh8iHee8MIcrgq762Nkce856dYtJYLkuIoYZvGfTs/PbZhideTcEg==",
        "package/axe.min.js",
        ROOT / "tests" / "browser" / "vendor" / "axe.min.js",
    ),
]


def fetch(package: str, version: str, integrity: str, member: str, target: Path) -> None:
    """Install one pinned file unless that version is already there."""
    stamp = target.with_name(target.name + ".version")
    if target.exists() and stamp.exists() and stamp.read_text() == version:
        return
    with tempfile.TemporaryDirectory() as tmp:
        output = subprocess.run(
            ["npm", "pack", f"{package}@{version}", "--json", "--pack-destination", tmp],
            check=True,
            capture_output=True,
            text=True,
            cwd=tmp,
        ).stdout
        tarball = Path(tmp) / json.loads(output)[0]["filename"]
        digest = (
            "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        )
        if digest != integrity:
            sys.exit(f"{package}@{version}: integrity mismatch ({digest}); refusing to install it")
        with tarfile.open(tarball) as archive:
            data = archive.extractfile(member).read()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    os.replace(partial, target)  # never a half-written file, even with two runs at once
    stamp.write_text(version)
    print(f"fetched {package}@{version} -> {target.relative_to(ROOT)}")


if __name__ == "__main__":
    for pin in PINNED:
        fetch(*pin)
