import pytest
from django.test import override_settings
from django.urls import reverse


@pytest.fixture
def axes_on():
    from axes.handlers.proxy import AxesProxyHandler

    with override_settings(AXES_ENABLED=True):
        AxesProxyHandler.implementation = None  # pick up the setting
        yield
    AxesProxyHandler.implementation = None


def test_login_locks_after_too_many_failures(client, township_officer, axes_on, settings):
    url = reverse("login")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "township", "password": "wrong"})
        assert response.status_code == 200
    last_failure = client.post(url, {"username": "township", "password": "wrong"})
    assert last_failure.status_code == 429
    locked = client.post(url, {"username": "township", "password": "correct horse battery staple"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_correct_password_still_works_below_the_limit(client, township_officer, axes_on):
    url = reverse("login")
    client.post(url, {"username": "township", "password": "wrong"})
    response = client.post(
        url, {"username": "township", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(township_officer.pk)
