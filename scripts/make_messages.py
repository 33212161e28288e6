"""Extract translatable strings into each catalogue, then compile every catalogue.

Every app (`jiuye/<app>/`) and page area (`jiuye/web/<area>/`) that has a `locale/` folder
owns its own catalogue, so people working on different areas never edit the same file.
Extraction needs GNU gettext (`apt-get install gettext`); compiling uses polib only.
Run: `make messages` for every catalogue, or `python scripts/make_messages.py DIR...` to
extract only the named folders (each holding a `locale/`), then compile all.
"""

import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
# English is the source language: only the Chinese catalogue is kept.
LANGUAGES = ["zh_Hans"]


def catalogue_dirs() -> list[Path]:
    return sorted(p.parent for p in (ROOT / "jiuye").glob("**/locale") if p.is_dir())


def main() -> int:
    manage = ROOT / "manage.py"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings"}
    wanted = [Path(arg).resolve() for arg in sys.argv[1:]]
    for folder in wanted or catalogue_dirs():
        args = [sys.executable, str(manage), "makemessages", "--no-obsolete", "--no-location"]
        args += [f"--locale={lang}" for lang in LANGUAGES]
        subprocess.run(args, cwd=folder, env=env, check=True)  # noqa: S603
    for po_path in (ROOT / "jiuye").glob("**/locale/*/LC_MESSAGES/django.po"):
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
        print(f"compiled {po_path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
