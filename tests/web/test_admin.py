import pytest
from django.urls import reverse

from jiuye.accounts.audit import record_event
from jiuye.accounts.models import AuditEvent
from tests.factories import UserFactory


@pytest.fixture
def superuser(regions):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:index",
        "admin:geo_region_changelist",
        "admin:occupations_occupation_changelist",
        "admin:accounts_user_changelist",
        "admin:accounts_user_add",
        "admin:accounts_auditevent_changelist",
    ],
)
def test_superuser_reaches_the_admin(client, superuser, url_name):
    client.force_login(superuser)
    assert client.get(reverse(url_name)).status_code == 200


def test_staff_flag_without_superuser_is_not_enough(client, city_admin):
    city_admin.is_staff = True
    city_admin.save(update_fields=["is_staff"])
    client.force_login(city_admin)
    response = client.get(reverse("admin:geo_region_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_audit_events_are_read_only_in_the_admin(client, superuser, city_admin):
    event = record_event(actor=city_admin, action="user.create", area_code="4512")
    client.force_login(superuser)
    assert client.get(reverse("admin:accounts_auditevent_add")).status_code == 403
    change = reverse("admin:accounts_auditevent_change", args=[event.pk])
    response = client.get(change)
    assert response.status_code == 200 and 'name="_save"' not in response.text
    assert client.post(change, {"action": "tampered"}).status_code == 403
    delete = reverse("admin:accounts_auditevent_delete", args=[event.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).action == "user.create"


def test_superuser_opens_a_user_in_the_admin(client, superuser, township_officer):
    client.force_login(superuser)
    url = reverse("admin:accounts_user_change", args=[township_officer.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="region"' in response.text and 'name="role"' in response.text
