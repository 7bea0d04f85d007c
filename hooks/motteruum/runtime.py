"""The browser runtime the site serves itself: Pyodide's core files and the calculators wheel.

Pyodide comes from the pinned npm package in ``node_modules/pyodide``. The ``calculators``
package is packed into a pure-Python wheel whose file name carries its content hash, and is
registered in a site-local ``pyodide-lock.json``; ``loadPyodide({packages: ["calculators"]})``
loads it by name from there and checks its sha256. The page's worker
(``docs/assets/javascripts/calculator-worker.js``) reads the same entry, downloads the wheel with
that sha256 as its integrity, imports from the zip and calls Python through one function,
``calculators.worker.handle`` (the table of the calls the pages make). Every module under
``calculators/`` goes into the wheel, that one included. Nothing is fetched from a CDN.

The wheel also carries the crossword generator (``motteruum/__init__.py`` and
``motteruum/crossword/``, standard library only), so the crossword page lays out a new puzzle
in the browser with the same code as the build. The rest of ``motteruum`` stays out.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

#: Where the runtime is published inside the site.
ASSET_DIR = "assets/pyodide"
#: The core files of Pyodide; everything else of the npm package stays out of the site.
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
PACKAGE = "calculators"
VERSION = "1.0.0"
_EPOCH = (1980, 1, 1, 0, 0, 0)
_HERE = Path(__file__).resolve().parent
#: Parts of this package that run in the browser as well: ``(path in the wheel, source)``.
BROWSER_PARTS: tuple[tuple[str, Path], ...] = (
    ("motteruum/__init__.py", _HERE / "__init__.py"),
    ("motteruum/crossword", _HERE / "crossword"),
)


class RuntimeMissing(Exception):
    """The npm package is not installed (``npm ci`` has not run)."""


@dataclass(frozen=True)
class Wheel:
    file_name: str
    data: bytes
    imports: tuple[str, ...] = (PACKAGE,)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def _sources(name: str, path: Path) -> dict[str, bytes]:
    """The Python files of ``path`` (a file or a folder) under ``name`` in the wheel."""
    if path.is_file():
        return {name: path.read_bytes()}
    sources = sorted(p for p in path.rglob("*.py") if "__pycache__" not in p.parts and p.is_file())
    return {f"{name}/{p.relative_to(path).as_posix()}": p.read_bytes() for p in sources}


def build_wheel(package_dir: Path, extra: Sequence[tuple[str, Path]] = BROWSER_PARTS) -> Wheel:
    """A reproducible pure-Python wheel of ``package_dir`` named with its content hash.

    ``extra`` adds more Python files: ``(path in the wheel, file or folder)`` pairs; by
    default the crossword generator (:data:`BROWSER_PARTS`).
    """
    files = _sources(PACKAGE, package_dir)
    for name, path in extra:
        files.update(_sources(name, path))
    files = dict(sorted(files.items()))
    imports = tuple(sorted({name.split("/")[0] for name in files}))
    content = hashlib.sha256()
    for name, data in files.items():
        content.update(name.encode() + b"\0" + data + b"\0")
    version = f"{VERSION}+{content.hexdigest()[:12]}"
    dist_info = f"{PACKAGE}-{version}.dist-info"
    files[f"{dist_info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: {PACKAGE}\nVersion: {version}\n"
        "Summary: Survey-metric calculators and the crossword generator of Ühine mõtteruum\n"
    ).encode()
    files[f"{dist_info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: motteruum\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    record = "".join(f"{name},{_record_hash(data)},{len(data)}\n" for name, data in files.items())
    files[f"{dist_info}/RECORD"] = (record + f"{dist_info}/RECORD,,\n").encode()
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return Wheel(f"{PACKAGE}-{version}-py3-none-any.whl", buffer.getvalue(), imports)


def lockfile(pyodide_lock: dict[str, object], wheel: Wheel) -> dict[str, object]:
    """A lock file with Pyodide's own ``info`` and our wheel as the only package."""
    return {
        "info": pyodide_lock["info"],
        "packages": {
            PACKAGE: {
                "name": PACKAGE,
                "version": wheel.file_name.split("-")[1],
                "file_name": wheel.file_name,
                "install_dir": "site",
                "sha256": wheel.sha256,
                "package_type": "package",
                "imports": list(wheel.imports),
                "depends": [],
            }
        },
    }


def publish(site_dir: Path, npm_package: Path, package_dir: Path) -> Wheel:
    """Write the runtime into ``site_dir``; unchanged files are not copied again."""
    if not (npm_package / "pyodide.mjs").is_file():
        raise RuntimeMissing(
            f"Pyodide is not installed in {npm_package}: run 'npm ci' (make does it for you)"
        )
    target = site_dir / ASSET_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name in CORE_FILES:
        source, dest = npm_package / name, target / name
        if not dest.is_file() or dest.stat().st_size != source.stat().st_size:
            shutil.copyfile(source, dest)
    wheel = build_wheel(package_dir)
    for old in target.glob(f"{PACKAGE}-*.whl"):
        if old.name != wheel.file_name:
            old.unlink()
    (target / wheel.file_name).write_bytes(wheel.data)
    npm_lock = json.loads((npm_package / "pyodide-lock.json").read_text(encoding="utf-8"))
    lock = json.dumps(lockfile(npm_lock, wheel), indent=1, sort_keys=True)
    (target / "pyodide-lock.json").write_text(lock + "\n", encoding="utf-8")
    return wheel
