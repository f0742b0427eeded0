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

STATIC = ROOT / "caseboard" / "static" / "vendor"

# package, version, the registry's sha512 integrity, {file in the package: where it goes}.
PINNED = [
    (
        "htmx.org",
        "2.0.8",
        "sha512-fm297iru0iWsNJlBrjvtN7V9zjaxd+69Oqjh4F/Vq9Wwi2kFisLcrLCiv5oBX0KLfOX/zG8AUo9ROMU5XUB44Q==",
        {"package/dist/htmx.min.js": STATIC / "htmx.min.js"},
    ),
    (  # the proof-of-work widget: the build without inline workers or styles (the CSP allows
        # neither), its stylesheet, and the one worker Caseboard's challenges use
        "altcha",
        "3.2.2",
        "sha512-yNITQaRSkRe0u/hMxdzoXFFqxqn9iDt1rJ0reREU3D3uDD3w1oFz6v5C2PMww2XnGThtYUwe8MW+PxsiBglNqw==",
        {
            "package/dist/external/altcha.min.js": STATIC / "altcha.min.js",
            "package/dist/external/altcha.css": STATIC / "altcha.css",
            "package/dist/workers/pbkdf2.js": STATIC / "altcha-pbkdf2.js",
        },
    ),
    (  # for the accessibility checks of the browser tests only; never served
        "axe-core",
        "4.10.3",
        "sha512-Xm7bpRXnDSX2YE2YFfBk2FnF0ep6tmG7xPh8iHee8MIcrgq762Nkce856dYtJYLkuIoYZvGfTs/PbZhideTcEg==",
        {"package/axe.min.js": ROOT / "tests" / "browser" / "vendor" / "axe.min.js"},
    ),
]


def _stamp(target: Path) -> Path:
    return target.with_name(target.name + ".version")


def _installed(target: Path, version: str) -> bool:
    return target.exists() and _stamp(target).exists() and _stamp(target).read_text() == version


def fetch(package: str, version: str, integrity: str, files: dict[str, Path]) -> None:
    """Install a package's pinned files unless that version of each is already there."""
    if all(_installed(target, version) for target in files.values()):
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
            contents = {member: archive.extractfile(member).read() for member in files}
    for member, target in files.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        partial.write_bytes(contents[member])
        os.replace(partial, target)  # never a half-written file, even with two runs at once
        _stamp(target).write_text(version)
        print(f"fetched {package}@{version} -> {target.relative_to(ROOT)}")


if __name__ == "__main__":
    for pin in PINNED:
        fetch(*pin)
