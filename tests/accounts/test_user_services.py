import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied, ValidationError

from jiuye.accounts import services
from jiuye.accounts.enums import Role
from jiuye.accounts.models import AuditEvent, User
from jiuye.geo.models import Region
from tests.factories import EmployerFactory, UserFactory


def region(code):
    return Region.objects.get(code=code)


def test_county_officer_creates_township_officer_in_own_county(county_officer, regions):
    user, password = services.create_user(
        by=county_officer,
        username="newtown",
        role=Role.TOWNSHIP_OFFICER,
        region=region(regions["township"]),
    )
    assert user.region_id == regions["township"] and user.is_active
    assert authenticate(username="newtown", password=password) == user
    event = AuditEvent.objects.get(action="user.create", object_id=str(user.pk))
    assert event.actor == county_officer
    assert event.area_code == regions["township"]
    assert event.changes == {"role": "township_officer", "area": regions["township"]}
    assert password not in str(event.changes)


def test_county_officer_cannot_grant_the_whole_city(county_officer, regions):
    with pytest.raises(ValidationError):  # a city administrator needs a city
        services.create_user(
            by=county_officer,
            username="boss",
            role=Role.CITY_ADMIN,
            region=region(regions["county"]),
        )
    with pytest.raises(PermissionDenied):
        services.create_user(
            by=county_officer,
            username="boss",
            role=Role.CITY_ADMIN,
            region=region(regions["city"]),
        )
    assert not User.objects.filter(username="boss").exists()


def test_county_officer_cannot_create_staff_in_another_county(county_officer, regions):
    with pytest.raises(PermissionDenied):
        services.create_user(
            by=county_officer,
            username="far",
            role=Role.TOWNSHIP_OFFICER,
            region=region(regions["far_township"]),
        )


def test_staff_role_needs_a_region_of_its_level(county_officer, regions):
    with pytest.raises(ValidationError) as excinfo:
        services.create_user(
            by=county_officer,
            username="x",
            role=Role.VILLAGE_CADRE,
            region=region(regions["township"]),
        )
    assert "region" in excinfo.value.message_dict
    with pytest.raises(ValidationError):
        services.create_user(by=county_officer, username="x", role=Role.VILLAGE_CADRE)


def test_township_officer_cannot_manage_users(township_officer, regions):
    with pytest.raises(PermissionDenied):
        services.create_user(
            by=township_officer,
            username="v",
            role=Role.VILLAGE_CADRE,
            region=region(regions["village"]),
        )


def test_duplicate_username_is_refused(county_officer, township_officer, regions):
    with pytest.raises(ValidationError) as excinfo:
        services.create_user(
            by=county_officer,
            username="TOWNSHIP",
            role=Role.TOWNSHIP_OFFICER,
            region=region(regions["township"]),
        )
    assert "username" in excinfo.value.message_dict


def test_employer_user_is_bound_to_an_employer_of_the_area(county_officer, regions):
    employer = EmployerFactory(region_id=regions["township"])
    far_employer = EmployerFactory(region_id=regions["far_township"])
    user, _password = services.create_user(
        by=county_officer, username="boss1", role=Role.EMPLOYER, employer=employer
    )
    assert user.employer == employer
    assert User.objects.visible_to(county_officer).filter(pk=user.pk).exists()
    with pytest.raises(PermissionDenied):
        services.create_user(
            by=county_officer, username="boss2", role=Role.EMPLOYER, employer=far_employer
        )


def test_deactivate_and_reactivate_are_audited(county_officer, township_officer):
    services.set_user_active(by=county_officer, user=township_officer, active=False)
    township_officer.refresh_from_db()
    assert not township_officer.is_active
    services.set_user_active(by=county_officer, user=township_officer, active=True)
    township_officer.refresh_from_db()
    assert township_officer.is_active
    actions = list(
        AuditEvent.objects.filter(object_id=str(township_officer.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["user.deactivate", "user.reactivate"]


def test_manager_cannot_deactivate_themselves_or_a_superuser(city_admin, regions):
    with pytest.raises(PermissionDenied):
        services.set_user_active(by=city_admin, user=city_admin, active=False)
    root = UserFactory(
        username="root", is_superuser=True, role=Role.CITY_ADMIN, region_id=regions["city"]
    )
    with pytest.raises(PermissionDenied):
        services.set_user_active(by=city_admin, user=root, active=False)
    root.refresh_from_db()
    assert root.is_active


def test_reset_password_gives_a_working_temporary_password(county_officer, township_officer):
    password = services.reset_password(by=county_officer, user=township_officer)
    assert authenticate(username="township", password=password) == township_officer
    assert authenticate(username="township", password="correct horse battery staple") is None
    event = AuditEvent.objects.get(action="user.reset_password")
    assert event.object_id == str(township_officer.pk) and event.changes == {}


def test_other_county_officer_cannot_reset_password(other_county_officer, township_officer):
    with pytest.raises(PermissionDenied):
        services.reset_password(by=other_county_officer, user=township_officer)


def test_users_are_scoped_by_area_including_organisation_users(
    county_officer, other_county_officer, township_officer, regions
):
    employer_user = UserFactory(
        username="emp", role=Role.EMPLOYER, employer=EmployerFactory(region_id=regions["village"])
    )
    visible = set(User.objects.visible_to(county_officer).values_list("username", flat=True))
    assert visible == {"county", "township", "emp"}
    other = set(User.objects.visible_to(other_county_officer).values_list("username", flat=True))
    assert other == {"county2"}
    assert employer_user.username not in other


def test_temporary_passwords_differ():
    assert len({services.temporary_password() for _ in range(20)}) == 20
