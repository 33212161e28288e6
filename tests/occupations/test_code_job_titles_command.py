"""`manage.py code_job_titles`: CSV out, and no database needed."""

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]


def _run(path: str, **kwargs) -> list[list[str]]:
    out = io.StringIO()
    call_command("code_job_titles", path, stdout=out, **kwargs)
    return list(csv.reader(io.StringIO(out.getvalue())))


def test_writes_one_csv_row_per_title_with_a_header(tmp_path, django_db_blocker):
    titles = tmp_path / "titles.txt"
    titles.write_text("普工\n\n叉车司机\r\n抖音商务,直播\nqqqq\n", encoding="utf-8")
    with django_db_blocker.block():
        rows = _run(str(titles))
    assert rows[0] == ["title", "code", "name", "confidence"]
    assert rows[1][:3] == ["普工", "6-00-00-00", "生产制造及有关人员"]
    assert 0.0 < float(rows[1][3]) <= 1.0 and len(rows[1][3]) == 5  # three decimals
    assert rows[2][:2] == ["叉车司机", "6-30-05-01"]
    assert rows[3][0] == "抖音商务,直播"  # a comma in a title is quoted, not a new column
    assert rows[4] == ["qqqq", "", "", "0"]
    assert len(rows) == 5  # the blank line is skipped


def test_reads_standard_input_for_a_dash(django_db_blocker):
    with django_db_blocker.block():
        rows = _run("-", stdin=io.StringIO("保安\n收银员\n"))
    assert [r[1] for r in rows[1:]] == ["4-07-05-01", "4-01-02-04"]


def test_a_missing_file_is_a_command_error():
    with pytest.raises(CommandError, match="cannot read"):
        call_command("code_job_titles", "/nonexistent/titles.txt")


def test_runs_where_no_database_can_be_reached(tmp_path):
    titles = tmp_path / "titles.txt"
    titles.write_text("月嫂\n", encoding="utf-8")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.test_settings",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/nowhere",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "code_job_titles", str(titles)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith("月嫂,4-10-01-06,家政服务员,")
