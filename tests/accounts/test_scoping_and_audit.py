import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction

from jiuye.accounts.audit import record_event
from jiuye.accounts.models import AuditEvent
from jiuye.people.models import Person
from tests.factories import PersonFactory


@pytest.fixture
def people(regions):
    return {
        "village": PersonFactory(region_id=regions["village"]),
        "township": PersonFactory(region_id=regions["township"]),
        "other_township": PersonFactory(region_id=regions["other_township"]),
        "other_county": PersonFactory(region_id=regions["far_township"]),
    }


def visible(user):
    return set(Person.objects.visible_to(user).values_list("pk", flat=True))


def test_county_officer_sees_every_township_of_the_county(people, county_officer):
    assert visible(county_officer) == {
        people["village"].pk,
        people["township"].pk,
        people["other_township"].pk,
    }


def test_township_officer_sees_only_own_township(people, township_officer):
    assert visible(township_officer) == {people["village"].pk, people["township"].pk}


def test_village_cadre_sees_only_own_village(people, village_cadre):
    assert visible(village_cadre) == {people["village"].pk}


def test_city_admin_sees_the_whole_city(people, city_admin):
    assert visible(city_admin) == {p.pk for p in people.values()}


def test_anonymous_and_inactive_users_see_nothing(people, township_officer):
    from django.contrib.auth.models import AnonymousUser

    assert visible(AnonymousUser()) == set()
    township_officer.is_active = False
    assert visible(township_officer) == set()


def test_audit_event_records_actor_object_and_changes(people, township_officer):
    person = people["township"]
    event = record_event(
        actor=township_officer,
        action="person.update",
        obj=person,
        area_code=person.region_id,
        changes={"phone": ["", "13800000000"]},
    )
    event.refresh_from_db()
    assert event.actor_username == "township"
    assert event.object_type == "people.person" and event.object_id == str(person.pk)
    assert event.changes == {"phone": ["", "13800000000"]}
    assert event.area_code == person.region_id


def test_audit_events_cannot_be_changed_or_deleted(people, township_officer):
    event = record_event(actor=township_officer, action="person.reveal_id", obj=people["village"])
    event.action = "nothing.happened"
    with pytest.raises(PermissionDenied):
        event.save()
    with pytest.raises(PermissionDenied):
        event.delete()
    with pytest.raises(PermissionDenied):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(PermissionDenied):
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_database_refuses_updates_to_audit_rows(people, township_officer):
    event = record_event(actor=township_officer, action="person.reveal_id", obj=people["village"])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE accounts_auditevent SET action = 'tampered' WHERE id = %s", [event.pk]
        )
    assert AuditEvent.objects.get(pk=event.pk).action == "person.reveal_id"


def test_audit_log_is_scoped_to_the_viewers_area(people, township_officer, other_township_officer):
    record_event(
        actor=township_officer,
        action="a",
        obj=people["township"],
        area_code=people["township"].region_id,
    )
    record_event(
        actor=other_township_officer,
        action="b",
        obj=people["other_township"],
        area_code=people["other_township"].region_id,
    )
    assert [e.action for e in AuditEvent.objects.visible_to(township_officer)] == ["a"]
