"""Fail when a Chinese catalogue is incomplete or a compiled catalogue is stale.

Every msgid in every `zh_Hans` catalogue must have a translation that is not fuzzy, and
each `.mo` must be what compiling its `.po` gives now. Part of `make test`.
"""

import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    problems = []
    catalogues = sorted((ROOT / "jiuye").glob("**/locale/*/LC_MESSAGES/django.po"))
    for po_path in catalogues:
        po = polib.pofile(str(po_path))
        rel = po_path.relative_to(ROOT)
        if "zh_Hans" in po_path.parts:
            for entry in po:
                if entry.obsolete:
                    continue
                if "fuzzy" in entry.flags:
                    problems.append(f"{rel}: fuzzy translation of {entry.msgid!r}")
                elif not entry.translated():
                    problems.append(f"{rel}: no translation of {entry.msgid!r}")
        mo_path = po_path.with_suffix(".mo")
        with tempfile.NamedTemporaryFile(suffix=".mo") as fresh:
            po.save_as_mofile(fresh.name)
            if not mo_path.exists() or Path(fresh.name).read_bytes() != mo_path.read_bytes():
                problems.append(f"{rel}: compiled catalogue is stale; run `make messages`")
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"translations: {len(catalogues)} catalogues, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
