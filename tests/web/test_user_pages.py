import pytest
from django.urls import reverse

from jiuye.accounts.enums import Role
from jiuye.accounts.models import AuditEvent, User
from tests.factories import UserFactory

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        reverse("accounts:user_list"),
        reverse("accounts:user_create"),
        reverse("accounts:user_detail", args=[1]),
        reverse("accounts:audit_log"),
    ],
)
def test_anonymous_user_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "url_name", ["accounts:user_list", "accounts:user_create", "accounts:audit_log"]
)
def test_township_officer_is_forbidden(client, township_officer, url_name):
    client.force_login(township_officer)
    assert client.get(reverse(url_name)).status_code == 403


def test_township_officer_cannot_post_actions(client, township_officer, village_cadre):
    client.force_login(township_officer)
    url = reverse("accounts:user_set_active", args=[village_cadre.pk])
    assert client.post(url, {"active": "0"}).status_code == 403
    village_cadre.refresh_from_db()
    assert village_cadre.is_active


def test_county_officer_lists_only_users_of_the_county(
    client, county_officer, township_officer, other_county_officer, city_admin
):
    client.force_login(county_officer)
    response = client.get(reverse("accounts:user_list"), **EN)
    assert response.status_code == 200
    names = {u.username for u in response.context["page"]}
    assert names == {"county", "township"}


def test_user_list_filters_by_role_and_status(
    client, county_officer, township_officer, village_cadre
):
    village_cadre.is_active = False
    village_cadre.save(update_fields=["is_active"])
    client.force_login(county_officer)
    response = client.get(reverse("accounts:user_list"), {"role": Role.VILLAGE_CADRE})
    assert [u.username for u in response.context["page"]] == ["village"]
    response = client.get(reverse("accounts:user_list"), {"status": "active"})
    assert {u.username for u in response.context["page"]} == {"county", "township"}
    response = client.get(reverse("accounts:user_list"), {"q": "towns"})
    assert [u.username for u in response.context["page"]] == ["township"]


def test_user_list_query_count_does_not_grow_with_users(
    client, city_admin, regions, django_assert_max_num_queries
):
    for index in range(30):
        UserFactory(username=f"t{index}", role=Role.TOWNSHIP_OFFICER, region_id=regions["township"])
    client.force_login(city_admin)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("accounts:user_list"))
    assert len(response.context["page"]) == 31


def test_other_county_user_is_404(client, county_officer, other_county_officer):
    client.force_login(county_officer)
    pk = other_county_officer.pk
    assert client.get(reverse("accounts:user_detail", args=[pk])).status_code == 404
    assert client.post(reverse("accounts:user_reset_password", args=[pk])).status_code == 404
    response = client.post(reverse("accounts:user_set_active", args=[pk]), {"active": "0"})
    assert response.status_code == 404
    other_county_officer.refresh_from_db()
    assert other_county_officer.is_active
    assert not AuditEvent.objects.exists()


def test_create_township_officer_shows_password_once_and_audits(client, county_officer, regions):
    client.force_login(county_officer)
    response = client.post(
        reverse("accounts:user_create"),
        {
            "username": "lan",
            "first_name": "蓝海",
            "role": Role.TOWNSHIP_OFFICER,
            "region": regions["township"],
        },
        **EN,
    )
    assert response.status_code == 200
    password = response.context["password"]
    assert password in response.text
    assert "no-store" in response["Cache-Control"]
    user = User.objects.get(username="lan")
    assert user.region_id == regions["township"] and user.check_password(password)
    event = AuditEvent.objects.get(action="user.create")
    assert event.actor_username == "county" and event.object_id == str(user.pk)
    assert event.ip_address == "127.0.0.1"


def test_create_refuses_a_region_outside_the_area(client, county_officer, regions):
    client.force_login(county_officer)
    response = client.post(
        reverse("accounts:user_create"),
        {"username": "far", "role": Role.TOWNSHIP_OFFICER, "region": regions["far_township"]},
        **EN,
    )
    assert response.status_code == 400
    assert "region" in response.context["form"].errors
    assert not User.objects.filter(username="far").exists()


def test_county_officer_is_not_offered_the_city_admin_role(client, county_officer, regions):
    client.force_login(county_officer)
    response = client.post(
        reverse("accounts:user_create"),
        {"username": "boss", "role": Role.CITY_ADMIN, "region": regions["city"]},
        **EN,
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"role", "region"}
    assert not User.objects.filter(username="boss").exists()


def test_create_reports_wrong_level_for_the_role(client, county_officer, regions):
    client.force_login(county_officer)
    response = client.post(
        reverse("accounts:user_create"),
        {"username": "v1", "role": Role.VILLAGE_CADRE, "region": regions["township"]},
        **EN,
    )
    assert response.status_code == 400
    assert "village" in str(response.context["form"].errors["region"]).lower()


def test_deactivate_then_reactivate(client, county_officer, township_officer):
    client.force_login(county_officer)
    url = reverse("accounts:user_set_active", args=[township_officer.pk])
    response = client.post(url, {"active": "0"})
    assert response.status_code == 302
    township_officer.refresh_from_db()
    assert not township_officer.is_active
    client.post(url, {"active": "1"})
    township_officer.refresh_from_db()
    assert township_officer.is_active
    assert list(AuditEvent.objects.order_by("id").values_list("action", flat=True)) == [
        "user.deactivate",
        "user.reactivate",
    ]


def test_deactivated_user_can_no_longer_log_in(client, county_officer, township_officer):
    client.force_login(county_officer)
    client.post(reverse("accounts:user_set_active", args=[township_officer.pk]), {"active": "0"})
    client.logout()
    assert not client.login(username="township", password="correct horse battery staple")


def test_reset_password_shows_a_new_password(client, county_officer, township_officer):
    client.force_login(county_officer)
    response = client.post(reverse("accounts:user_reset_password", args=[township_officer.pk]))
    assert response.status_code == 200
    township_officer.refresh_from_db()
    assert township_officer.check_password(response.context["password"])
    assert AuditEvent.objects.filter(action="user.reset_password").count() == 1


def test_manager_gets_403_acting_on_themselves(client, county_officer):
    client.force_login(county_officer)
    url = reverse("accounts:user_reset_password", args=[county_officer.pk])
    assert client.post(url).status_code == 403


def test_user_detail_offers_actions(client, county_officer, township_officer):
    client.force_login(county_officer)
    response = client.get(reverse("accounts:user_detail", args=[township_officer.pk]), **EN)
    assert response.status_code == 200
    assert "Reset password" in response.text and "Deactivate" in response.text
    own = client.get(reverse("accounts:user_detail", args=[county_officer.pk]), **EN)
    assert "Reset password" not in own.text
