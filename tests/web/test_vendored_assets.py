import hashlib
from pathlib import Path

import jiuye.web

VENDOR = Path(jiuye.web.__file__).parent / "static" / "vendor"


def pinned():
    lines = (VENDOR / "SHA256SUMS").read_text().splitlines()
    return [line.split(maxsplit=1) for line in lines if line.strip()]


def test_every_vendored_file_matches_its_pinned_hash():
    entries = pinned()
    assert len(entries) >= 4
    for digest, name in entries:
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name


def test_every_vendored_script_and_stylesheet_is_pinned():
    names = {name for _digest, name in pinned()}
    on_disk = {str(p.relative_to(VENDOR)) for p in VENDOR.rglob("*") if p.suffix in {".js", ".css"}}
    assert on_disk == names
