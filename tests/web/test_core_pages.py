import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_anonymous_user_is_sent_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_login_page_and_health_checks_are_public(client):
    assert client.get(reverse("login")).status_code == 200
    assert client.get(reverse("healthz")).json() == {"status": "ok"}
    assert client.get("/api/v1/health").json() == {"status": "ok"}


def test_home_page_shows_role_and_area(client, township_officer):
    client.force_login(township_officer)
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Township officer" in response.text
    assert township_officer.region.name in response.text


@pytest.mark.django_db
def test_security_headers_are_set(client):
    response = client.get(reverse("login"))
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
