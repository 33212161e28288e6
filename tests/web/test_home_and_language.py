import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from jiuye.accounts.enums import Role
from tests.factories import EmployerFactory, UserFactory


def nav_urls(response):
    return {item.url_name for item in response.context["nav_items"]}


def test_city_admin_home_offers_users_and_audit_log(client, city_admin):
    client.force_login(city_admin)
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")
    assert {"accounts:user_list", "accounts:audit_log"} <= nav_urls(response)
    assert "admin:index" not in nav_urls(response)
    assert reverse("accounts:audit_log") in response.text


def test_county_officer_home_offers_users_but_not_audit_log(client, county_officer):
    client.force_login(county_officer)
    urls = nav_urls(client.get(reverse("home")))
    assert "accounts:user_list" in urls and "accounts:audit_log" not in urls


def test_township_officer_home_offers_no_user_management(client, township_officer):
    client.force_login(township_officer)
    urls = nav_urls(client.get(reverse("home")))
    assert not urls & {"accounts:user_list", "accounts:audit_log", "admin:index"}


def test_superuser_home_links_the_admin(client, regions):
    root = UserFactory(username="root", is_superuser=True)
    client.force_login(root)
    assert "admin:index" in nav_urls(client.get(reverse("home")))


def test_employer_user_home_names_the_employer(client, regions):
    employer = EmployerFactory(name="都安测试茶厂", region_id=regions["township"])
    user = UserFactory(username="emp", role=Role.EMPLOYER, employer=employer)
    client.force_login(user)
    response = client.get(reverse("home"))
    assert "都安测试茶厂" in response.text
    assert not nav_urls(response) & {"accounts:user_list", "accounts:audit_log"}


@pytest.mark.django_db
def test_anonymous_visitor_can_switch_language(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("login")}, follow=True
    )
    assert response.redirect_chain[0] == (reverse("login"), 302)
    assert response.status_code == 200
    assert "Log in" in response.text and response.context["LANGUAGE_CODE"] == "en"
    response = client.post(
        reverse("set_language"), {"language": "zh-hans", "next": reverse("login")}, follow=True
    )
    assert "登录" in response.text


def test_language_names_and_layout_are_chinese_when_chinese_is_active(client, city_admin):
    with translation.override("zh-hans"):
        assert [str(name) for _code, name in settings.LANGUAGES] == ["简体中文", "英语"]
    client.force_login(city_admin)
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    for text in ("就业服务平台", "退出登录", "用户管理", "审计日志", "市级管理员"):
        assert text in response.text
