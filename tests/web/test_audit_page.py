import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from jiuye.accounts.audit import record_event
from jiuye.accounts.models import AuditEvent

URL = reverse("accounts:audit_log")


@pytest.fixture
def events(regions, county_officer, township_officer, other_county_officer):
    record_event(actor=county_officer, action="user.create", area_code=regions["township"])
    record_event(actor=township_officer, action="person.reveal_id", area_code=regions["village"])
    record_event(
        actor=other_county_officer, action="user.deactivate", area_code=regions["far_township"]
    )
    record_event(actor=None, action="system.boot")  # no area: superusers only
    return AuditEvent.objects.all()


def actions(response):
    return sorted(e.action for e in response.context["page"])


def test_county_officer_cannot_read_the_audit_log(client, county_officer):
    client.force_login(county_officer)
    assert client.get(URL).status_code == 403


def test_city_admin_sees_the_city_but_not_arealess_events(client, city_admin, events):
    client.force_login(city_admin)
    response = client.get(URL)
    assert response.status_code == 200
    assert actions(response) == ["person.reveal_id", "user.create", "user.deactivate"]


def test_superuser_sees_everything(client, regions, events, django_user_model):
    root = django_user_model.objects.create_superuser("root", password="x" * 12)
    client.force_login(root)
    assert len(client.get(URL).context["page"]) == 4


def test_filter_by_actor_action_and_area(client, city_admin, events, regions):
    client.force_login(city_admin)
    assert actions(client.get(URL, {"actor": "TOWNSHIP"})) == ["person.reveal_id"]
    assert actions(client.get(URL, {"action": "user."})) == ["user.create", "user.deactivate"]
    assert actions(client.get(URL, {"area": regions["county"]})) == [
        "person.reveal_id",
        "user.create",
    ]


def test_filter_by_object_type(client, city_admin, county_officer, township_officer, regions):
    record_event(
        actor=county_officer, action="user.reset_password", obj=township_officer, area_code="4512"
    )
    record_event(actor=county_officer, action="other", area_code="4512")
    client.force_login(city_admin)
    assert actions(client.get(URL, {"object_type": "accounts.user"})) == ["user.reset_password"]


def test_filter_by_date_range(client, city_admin, events):
    client.force_login(city_admin)
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    assert len(client.get(URL, {"start": today, "end": today}).context["page"]) == 3
    assert len(client.get(URL, {"start": tomorrow}).context["page"]) == 0
    assert len(client.get(URL, {"end": today - datetime.timedelta(days=1)}).context["page"]) == 0


def test_area_outside_own_is_refused(client, city_admin, events):
    client.force_login(city_admin)
    response = client.get(URL, {"area": "5201"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "area" in response.context["form"].errors
    assert len(response.context["page"]) == 0


def test_bad_dates_are_refused(client, city_admin, events):
    client.force_login(city_admin)
    response = client.get(URL, {"start": "2026-02-02", "end": "2026-01-01"})
    assert response.status_code == 400
    assert client.get(URL, {"start": "yesterday"}).status_code == 400


def test_audit_log_is_paginated_with_bounded_queries(
    client, city_admin, regions, django_assert_max_num_queries
):
    for index in range(120):
        record_event(actor=city_admin, action=f"test.{index}", area_code=regions["city"])
    client.force_login(city_admin)
    with django_assert_max_num_queries(6):
        response = client.get(URL, {"page": 2})
    page = response.context["page"]
    assert page.number == 2 and len(page) == 50 and page.paginator.count == 120


def test_audit_page_is_read_only(client, city_admin, events):
    client.force_login(city_admin)
    assert client.post(URL).status_code == 405
    assert AuditEvent.objects.count() == 4
