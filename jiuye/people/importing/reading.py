"""Reading ledger files: XLSX with python-calamine (fast, streaming rows), CSV with csv."""

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from python_calamine import CalamineWorkbook


class UnreadableFile(ValueError):
    pass


def read_rows(path: str | Path, original_name: str = "") -> Iterator[list[object]]:
    """Every row of the first sheet (or the CSV), the header row first."""
    name = (original_name or str(path)).lower()
    if name.endswith((".xlsx", ".xlsm", ".xls", ".ods")):
        try:
            workbook = CalamineWorkbook.from_path(str(path))
            sheet = workbook.get_sheet_by_index(0)
            yield from sheet.iter_rows()
        except Exception as exc:  # calamine raises its own error types
            raise UnreadableFile(str(exc)) from exc
        return
    if name.endswith((".csv", ".txt")):
        yield from _read_csv(Path(path))
        return
    raise UnreadableFile("unknown file type")


def count_rows(path: str | Path, original_name: str = "") -> int | None:
    """How many rows follow the header, for the progress bar of a background import: the
    sheet's height for a workbook, the line count for a CSV (a cell holding a line break
    makes it a slight overcount). None when the file cannot be read."""
    name = (original_name or str(path)).lower()
    try:
        if name.endswith((".xlsx", ".xlsm", ".xls", ".ods")):
            height = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).height
            return max(height - 1, 0)
        with Path(path).open("rb") as raw:
            lines = sum(block.count(b"\n") for block in iter(lambda: raw.read(1 << 20), b""))
            raw.seek(max(raw.tell() - 1, 0))
            unterminated = raw.read(1) not in (b"\n", b"")
        return max(lines + unterminated - 1, 0)
    except Exception:  # calamine raises its own error types; the import reports them
        return None


def _read_csv(path: Path) -> Iterator[list[str]]:
    raw = path.open("rb")
    head = raw.read(4096)
    raw.seek(0)
    encoding = "utf-8-sig"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Excel in China saves CSV as GB18030 (a superset of GBK); a cut multibyte
        # character at the end of the sample is not a reason to doubt UTF-8.
        if exc.start < len(head) - 3:
            encoding = "gb18030"
    with io.TextIOWrapper(raw, encoding=encoding, newline="") as text:
        yield from csv.reader(text)
