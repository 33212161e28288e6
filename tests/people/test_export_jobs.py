"""Exports too long to send while the page waits: written by a background job, downloaded
by the one who asked, for a day, every download audited."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from jiuye.accounts.models import AuditEvent
from jiuye.people.models import ExportJob
from jiuye.web.people import views


@pytest.fixture
def long_lists(settings, tmp_path, monkeypatch):
    """Every list counts as long; files go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(views, "SYNC_EXPORT_ROWS", 0)
    return tmp_path


def _export(client, capture, **params) -> ExportJob:
    with capture(execute=True):
        response = client.get(reverse("people:export"), params)
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("people:export_job", args=[job.pk])
    job.refresh_from_db()
    return job


def test_a_long_list_is_written_in_the_background_and_downloaded_once_ready(
    client, county_officer, family, stranger, long_lists, django_capture_on_commit_callbacks
):
    client.force_login(county_officer)
    job = _export(client, django_capture_on_commit_callbacks, format="csv")
    assert (job.status, job.rows_total, job.rows_done) == ("done", 2, 2)
    page = client.get(reverse("people:export_job", args=[job.pk])).content.decode()
    assert 'id="export-download"' in page and "hx-trigger" not in page
    response = client.get(reverse("people:export_download", args=[job.pk]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "身份证号"
    assert {r[1] for r in rows[1:]} == {"韦大山", "蓝秀英"}  # the area's people only
    assert family["head"].id_number_masked in text
    assert family["head"].reveal_id_number() not in text
    # The list page leads back to it: the requester's exports of the last day.
    listing = client.get(reverse("people:list")).content.decode()
    assert reverse("people:export_job", args=[job.pk]) in listing
    requested = AuditEvent.objects.get(action="person.export")
    assert requested.changes["background"] is True
    assert AuditEvent.objects.filter(action="person.export_download", actor=county_officer)


def test_the_export_follows_the_filters_and_writes_xlsx(
    client, county_officer, family, long_lists, django_capture_on_commit_callbacks
):
    client.force_login(county_officer)
    # Of the family, only the head is lifted out of poverty: the file holds him alone.
    job = _export(client, django_capture_on_commit_callbacks, format="xlsx", group="lifted")
    response = client.get(reverse("people:export_download", args=[job.pk]))
    content = b"".join(response.streaming_content)
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == ["韦大山"]


def test_full_numbers_are_never_left_on_disk(client, county_officer, family, long_lists):
    client.force_login(county_officer)
    response = client.get(
        reverse("people:export"), {"format": "csv", "full": "1", "group": "lifted"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("people:list") + "?group=lifted"
    assert not ExportJob.objects.exists() and not list(long_lists.rglob("*.csv"))
    assert not AuditEvent.objects.filter(action="person.export_full").exists()


def test_each_download_is_audited(
    client, county_officer, family, long_lists, django_capture_on_commit_callbacks
):
    client.force_login(county_officer)
    job = _export(client, django_capture_on_commit_callbacks, format="csv")
    for _ in range(2):
        b"".join(client.get(reverse("people:export_download", args=[job.pk])).streaming_content)
    downloads = AuditEvent.objects.filter(action="person.export_download")
    assert downloads.count() == 2 and downloads.first().changes["export"] == job.pk


def test_only_the_requester_sees_or_downloads_an_export(
    client,
    county_officer,
    city_admin,
    family,
    long_lists,
    django_capture_on_commit_callbacks,
):
    client.force_login(county_officer)
    job = _export(client, django_capture_on_commit_callbacks, format="csv")
    client.force_login(city_admin)  # sees the whole city, still not someone else's file
    listing = client.get(reverse("people:list")).content.decode()
    assert reverse("people:export_job", args=[job.pk]) not in listing
    assert client.get(reverse("people:export_job", args=[job.pk])).status_code == 404
    assert client.get(reverse("people:export_download", args=[job.pk])).status_code == 404


def test_an_export_expires_after_a_day_and_its_file_goes(
    client, county_officer, family, long_lists, django_capture_on_commit_callbacks
):
    client.force_login(county_officer)
    job = _export(client, django_capture_on_commit_callbacks, format="csv")
    path = job.file.path
    ExportJob.objects.filter(pk=job.pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=1, minutes=1)
    )
    page = client.get(reverse("people:export_job", args=[job.pk])).content.decode()
    assert 'id="export-download"' not in page
    assert client.get(reverse("people:export_download", args=[job.pk])).status_code == 410
    job.refresh_from_db()
    assert job.file.name == "" and not (long_lists / path).exists()


def test_a_short_list_is_still_sent_at_once(client, county_officer, family, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(county_officer)
    response = client.get(reverse("people:export"), {"format": "csv"})
    assert response.status_code == 200 and response.streaming
    assert not ExportJob.objects.exists()
