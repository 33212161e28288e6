"""The ledger's pages: access by area, search, forms, reveal, import, export, queries."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from jiuye.accounts.enums import Role
from jiuye.accounts.models import AuditEvent
from jiuye.people.enums import EmploymentStatus
from jiuye.people.models import EmploymentSpell, Household, ImportJob, Person
from jiuye.people.services import record_employment_status
from jiuye.stats.models import DirtySubject
from tests.factories import HouseholdFactory, PersonFactory, UserFactory
from tests.people.ids import valid_id_number

PAGES = ["people:list", "people:import", "people:create", "people:template"]


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_login(client, regions, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", PAGES)
def test_non_staff_roles_get_404(client, regions, family, name):
    user = UserFactory(username="seeker", role=Role.JOB_SEEKER, person=family["wife"])
    client.force_login(user)
    assert client.get(reverse(name)).status_code == 404


def test_person_of_another_area_is_a_404_everywhere(client, county_officer, stranger):
    client.force_login(county_officer)
    for name in ("people:detail", "people:edit", "people:status"):
        assert client.get(reverse(name, args=[stranger.pk])).status_code == 404
    assert client.post(reverse("people:reveal", args=[stranger.pk])).status_code == 404


def test_other_township_officer_cannot_see_the_family(client, other_township_officer, family):
    client.force_login(other_township_officer)
    assert client.get(reverse("people:detail", args=[family["head"].pk])).status_code == 404
    url = reverse("people:household", args=[family["household"].pk])
    assert client.get(url).status_code == 404
    response = client.get(reverse("people:list"))
    assert "韦大山" not in response.content.decode()


def test_list_shows_people_of_the_area_only(client, county_officer, family, stranger):
    client.force_login(county_officer)
    content = client.get(reverse("people:list")).content.decode()
    assert "韦大山" in content and "蓝秀英" in content and "莫远方" not in content
    assert "452" not in content or family["head"].id_number_masked in content


@pytest.mark.parametrize(
    ("query", "found"),
    [("韦大", {"韦大山"}), ("138123", {"韦大山"}), ("蓝", {"蓝秀英"}), ("无此人", set())],
)
def test_instant_search_by_name_and_phone(client, county_officer, family, query, found):
    client.force_login(county_officer)
    response = client.get(
        reverse("people:list"), {"q": query}, headers={"HX-Request": "true", "HX-Target": "results"}
    )
    content = response.content.decode()
    assert "<html" not in content  # the results fragment only
    assert {n for n in ("韦大山", "蓝秀英") if n in content} == found


def test_search_by_full_id_number_goes_through_the_keyed_hash(client, county_officer, family):
    client.force_login(county_officer)
    number = family["head"].reveal_id_number()
    messy = f" {number[:6]} {number[6:].lower()} "
    content = client.get(reverse("people:list"), {"q": messy}).content.decode()
    assert "韦大山" in content and "蓝秀英" not in content


def test_filters_by_status_group_and_age(client, county_officer, family):
    client.force_login(county_officer)
    url = reverse("people:list")
    assert "蓝秀英" not in client.get(url, {"status": "employed_outside"}).content.decode()
    assert "蓝秀英" in client.get(url, {"status": "none"}).content.decode()
    assert "蓝秀英" not in client.get(url, {"group": "lifted"}).content.decode()
    content = client.get(url, {"age": "45-59"}).content.decode()
    assert "韦大山" in content and "蓝秀英" not in content  # born 1980 and 1985


def test_list_query_count_does_not_grow_with_people(
    client, county_officer, regions, django_assert_num_queries
):
    client.force_login(county_officer)
    PersonFactory(region_id=regions["village"])
    client.get(reverse("people:list"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("people:list"))
    for _ in range(15):
        p = PersonFactory(
            region_id=regions["village"], household=HouseholdFactory(region_id=regions["village"])
        )
        record_employment_status(
            person=p, status="flexible", start=datetime.date(2025, 1, 1), source="form"
        )
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("people:list"))
    assert len(many) == len(few)


def test_person_page_shows_timeline_groups_and_household(client, county_officer, family):
    client.force_login(county_officer)
    response = client.get(reverse("people:detail", args=[family["head"].pk]))
    content = response.content.decode()
    assert "韦大山" in content and "蓝秀英" in content
    assert family["head"].id_number_masked in content
    assert family["head"].reveal_id_number() not in content


def test_record_a_new_status_in_two_clicks(client, county_officer, family):
    client.force_login(county_officer)
    head = family["head"]
    url = reverse("people:status", args=[head.pk])
    form = client.get(url, {"status": "employed_county"})
    assert 'value="employed_county" selected' in form.content.decode()
    response = client.post(
        url, {"status": "employed_county", "start": datetime.date.today().isoformat()}
    )
    assert response.status_code == 302
    spells = list(head.spells.order_by("start"))
    assert [s.status for s in spells] == ["employed_outside", "employed_county"]
    assert spells[0].end == spells[1].start


def test_status_before_the_latest_is_refused_on_the_form(client, county_officer, family):
    client.force_login(county_officer)
    url = reverse("people:status", args=[family["head"].pk])
    response = client.post(url, {"status": "flexible", "start": "2020-01-01"})
    assert response.status_code == 200
    assert EmploymentSpell.objects.filter(person=family["head"]).count() == 1


def test_household_page_flags_zero_employment(client, county_officer, family):
    client.force_login(county_officer)
    url = reverse("people:household", args=[family["household"].pk])
    assert "zero-employment" not in client.get(url).content.decode().lower()
    record_employment_status(
        person=family["head"], status="unemployed", start=datetime.date.today(), source="form"
    )
    client.cookies["django_language"] = "en"
    assert (
        "Zero-employment household" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )


def test_add_a_person_with_household_and_groups(client, township_officer, regions):
    client.force_login(township_officer)
    number = valid_id_number("451228", datetime.date(1992, 2, 2))
    response = client.post(
        reverse("people:create"),
        {
            "id_number": number.lower(),
            "name": "黄新",
            "phone": "139 1234 5678",
            "region_code": regions["village"],
            "education": "70",
            "household_number": "H-NEW",
            "relation": "head",
            "groups": ["lifted", "farmer"],
        },
    )
    assert response.status_code == 302
    person = Person.objects.with_id_number(number).get()
    assert person.phone == "13912345678" and person.household.head == person
    assert set(person.groups.values_list("group", flat=True)) == {"lifted", "farmer"}
    assert AuditEvent.objects.filter(action="person.create", actor=township_officer).exists()


def test_add_refuses_bad_number_and_area_outside(client, township_officer, regions):
    client.force_login(township_officer)
    response = client.post(
        reverse("people:create"),
        {
            "id_number": "451228199202020000",
            "name": "黄新",
            "region_code": regions["other_township"] + "201",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"id_number", "region_code"}
    assert Person.objects.count() == 0


def test_edit_closes_groups_no_longer_ticked(client, county_officer, family):
    client.force_login(county_officer)
    head = family["head"]
    response = client.post(
        reverse("people:edit", args=[head.pk]),
        {
            "name": "韦大山",
            "phone": "13812345678",
            "region_code": head.region_id,
            "household_number": "H-TEST-1",
            "relation": "head",
            "groups": ["veteran"],
        },
    )
    assert response.status_code == 302
    assert set(head.groups.filter(end__isnull=True).values_list("group", flat=True)) == {"veteran"}
    assert head.groups.get(group="lifted").end is not None


@pytest.fixture
def cannot_reveal(monkeypatch):
    """Every staff role may reveal today; this stands for a role that may not."""
    from jiuye.accounts.models import User

    monkeypatch.setattr(User, "can_reveal_id_numbers", property(lambda user: False))


def test_reveal_is_audited(client, county_officer, family):
    head = family["head"]
    client.force_login(county_officer)
    response = client.post(reverse("people:reveal", args=[head.pk]))
    assert head.reveal_id_number() in response.content.decode()
    event = AuditEvent.objects.get(action="person.reveal_id", actor=county_officer)
    assert event.object_id == str(head.pk)


def test_reveal_refused_without_the_right(client, county_officer, family, cannot_reveal):
    client.force_login(county_officer)
    response = client.post(reverse("people:reveal", args=[family["head"].pk]))
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="person.reveal_id").exists()
    page = client.get(reverse("people:detail", args=[family["head"].pk]))
    assert reverse("people:reveal", args=[family["head"].pk]) not in page.content.decode()


def test_export_xlsx_is_masked_and_scoped(client, township_officer, family, stranger):
    client.force_login(township_officer)
    response = client.get(reverse("people:export"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "身份证号"
    names = {r[1] for r in rows[1:]}
    assert names == {"韦大山", "蓝秀英"}
    head_row = next(r for r in rows if r[1] == "韦大山")
    assert head_row[0] == family["head"].id_number_masked
    assert head_row[8] == "省外务工" and head_row[9] == "440306"
    assert AuditEvent.objects.filter(action="person.export").exists()


def test_export_csv_follows_the_filters(client, county_officer, family):
    client.force_login(county_officer)
    response = client.get(reverse("people:export"), {"format": "csv", "status": "none"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert [r[1] for r in rows[1:]] == ["蓝秀英"]


def test_full_number_export_is_audited(client, county_officer, family):
    client.force_login(county_officer)
    response = client.get(reverse("people:export"), {"format": "csv", "full": "1"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert family["head"].reveal_id_number() in text
    assert AuditEvent.objects.filter(action="person.export_full", actor=county_officer).exists()


def test_full_number_export_refused_without_the_right(
    client, county_officer, family, cannot_reveal
):
    client.force_login(county_officer)
    assert client.get(reverse("people:export"), {"full": "1"}).status_code == 403
    assert not AuditEvent.objects.filter(action="person.export_full").exists()


def test_template_file_has_the_columns(client, county_officer):
    client.force_login(county_officer)
    response = client.get(reverse("people:template"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("身份证号", "姓名", "联系电话")
    # the example rows are understood as they stand
    from jiuye.people.importing.engine import import_ledger

    result = import_ledger(iter(rows), area_code=county_officer.area_code, dry_run=True)
    assert (result.new, result.rejected, result.problems) == (2, 0, [])


def _xlsx_upload(rows, name="ledger.xlsx"):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_upload_runs_the_import_as_a_task_and_shows_the_result(
    client, township_officer, regions, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(township_officer)
    number = valid_id_number("451228", datetime.date(1993, 3, 3))
    rows = [
        ["身份证号", "姓名", "户籍地区划代码", "就业状态", "状态起始日期"],
        [number, "覃新", regions["village"], "省外务工", "2024.3"],
        ["123", "坏号", regions["village"], "", ""],
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("people:import"), {"file": _xlsx_upload(rows), "skip_invalid": "on"}
        )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "people:import_job", args=[job.pk]
    )
    assert (job.status, job.new, job.rejected, job.written) == ("done", 1, 1, True)
    assert job.rows_total == 2  # counted before the import, for the progress bar
    assert job.file.name == "" and not list(tmp_path.rglob("*.xlsx"))  # the upload is gone
    assert job.problems[0]["value"] == "***"  # masked, even when mistyped
    assert not DirtySubject.objects.exists()  # the task brought the statistics up to date
    assert (
        Person.objects.with_id_number(number).get().spells.get().status
        == EmploymentStatus.EMPLOYED_OUTSIDE_PROVINCE
    )
    page = client.get(reverse("people:import_job", args=[job.pk]), headers={"HX-Request": "true"})
    assert "hx-trigger" not in page.content.decode()  # finished: no more polling
    # Each problem reads on a phone: its row, the column by the file's own header, the reason.
    problem = page.content.decode().split('id="import-problems"')[1].split("</li>")[0]
    assert "第 3 行" in problem and "身份证号 (id_number)" in problem
    assert job.problems[0]["reason"] in problem
    ImportJob.objects.filter(pk=job.pk).update(status="running", rows_done=1)
    page = client.get(reverse("people:import_job", args=[job.pk]), headers={"HX-Request": "true"})
    assert 'aria-valuenow="50"' in page.content.decode() and "hx-trigger" in page.content.decode()
    ImportJob.objects.filter(pk=job.pk).update(status="done")
    report = client.get(reverse("people:import_report", args=[job.pk]))
    sheet = load_workbook(io.BytesIO(report.content)).worksheets[0]
    assert sheet.cell(2, 1).value == 3


def test_import_job_of_another_area_is_a_404(
    client, township_officer, other_township_officer, regions, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(township_officer)
    client.post(reverse("people:import"), {"file": _xlsx_upload([["身份证号"]])})
    job = ImportJob.objects.get()
    client.force_login(other_township_officer)
    assert client.get(reverse("people:import_job", args=[job.pk])).status_code == 404


def test_upload_refuses_other_file_types(client, township_officer):
    client.force_login(township_officer)
    response = client.post(reverse("people:import"), {"file": SimpleUploadedFile("a.pdf", b"%PDF")})
    assert response.status_code == 200 and ImportJob.objects.count() == 0


def test_households_created_by_import_are_visible(client, county_officer, family):
    client.force_login(county_officer)
    assert Household.objects.visible_to(county_officer).count() == 1


def test_person_page_query_count_does_not_grow_with_history(client, county_officer, family):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(county_officer)
    url = reverse("people:detail", args=[family["head"].pk])
    with CaptureQueriesContext(connection) as short:
        client.get(url)
    for year in range(2025, 2027):
        record_employment_status(
            person=family["head"], status="flexible", start=datetime.date(year, 1, 1), source="form"
        )
        PersonFactory(region_id=family["head"].region_id, household=family["household"])
    with CaptureQueriesContext(connection) as long:
        client.get(url)
    assert len(long) == len(short)


def test_list_ignores_unknown_filter_values(client, county_officer, family):
    client.force_login(county_officer)
    response = client.get(reverse("people:list"), {"status": "on_the_moon", "age": "x"})
    assert response.status_code == 200
    assert "韦大山" in response.content.decode()


def test_edit_refuses_an_area_outside(client, township_officer, family, regions):
    client.force_login(township_officer)
    head = family["head"]
    response = client.post(
        reverse("people:edit", args=[head.pk]),
        {"name": "韦大山", "region_code": regions["far_township"] + "201"},
    )
    assert response.status_code == 200 and "region_code" in response.context["form"].errors
    head.refresh_from_db()
    assert head.region_id == regions["village"]
