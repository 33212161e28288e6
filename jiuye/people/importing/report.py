"""The problem report of an import, as an XLSX the importer can fix their file from."""

from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import Workbook

from jiuye.people.importing.columns import COLUMNS
from jiuye.people.importing.engine import ImportResult

_CHINESE = {c.name: c.chinese for c in COLUMNS}


def column_title(name: str) -> str:
    """The column as the user's file names it: the Chinese header with the English name."""
    if not name:
        return ""
    return f"{_CHINESE.get(name, name)} ({name})"


def write_report(result: ImportResult, target: str | Path) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Problems"))
    sheet.append([_("Row"), _("Column"), _("Value"), _("Reason")])
    for problem in result.problems:
        sheet.append(
            [problem.row or "", column_title(problem.column), problem.value, problem.reason]
        )
    summary = workbook.create_sheet(_("Summary"))
    for label, value in (
        (_("Rows read"), result.rows),
        (_("New people"), result.new),
        (_("Updated"), result.updated),
        (_("Unchanged"), result.unchanged),
        (_("Rejected"), result.rejected),
        (_("Written to the ledger"), _("yes") if result.written else _("no")),
    ):
        summary.append([str(label), value])
    workbook.save(target)
