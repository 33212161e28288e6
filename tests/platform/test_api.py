import json

from jiuye.applications.enums import ApplicationStatus
from jiuye.applications.models import Application
from tests.factories import EmployerFactory, UserFactory
from tests.platform.factories import JobSeekerFactory, VacancyFactory


def test_public_search_api_finds_by_pinyin(client, regions):
    cook = VacancyFactory(title="厨师")
    VacancyFactory(title="保安")
    data = client.get("/api/v1/platform/vacancies", {"q": "chushi"}).json()
    assert [row["id"] for row in data["results"]] == [cook.pk]
    assert data["results"][0]["employer"] == cook.employer.name
    assert (data["total"], data["total_exact"], data["total_capped"]) == (1, True, False)


def test_vacancy_api_hides_closed(client, regions):
    closed = VacancyFactory(status="closed")
    assert client.get(f"/api/v1/platform/vacancies/{closed.pk}").status_code == 404


def test_transition_api_follows_state_machine_and_isolation(client, regions):
    vacancy = VacancyFactory()
    application = Application.objects.create(vacancy=vacancy, seeker=JobSeekerFactory())
    url = f"/api/v1/platform/applications/{application.pk}/transitions"
    body = json.dumps({"to": "seen"})
    assert client.post(url, body, content_type="application/json").status_code == 401
    client.force_login(UserFactory(role="employer", employer=EmployerFactory()))
    assert client.post(url, body, content_type="application/json").status_code == 404
    client.force_login(UserFactory(role="employer", employer=vacancy.employer))
    hired = json.dumps({"to": "hired"})
    assert client.post(url, hired, content_type="application/json").status_code == 409
    bogus = json.dumps({"to": "promoted"})
    assert client.post(url, bogus, content_type="application/json").status_code == 409
    response = client.post(url, body, content_type="application/json")
    assert response.json()["status"] == ApplicationStatus.SEEN


def test_openapi_schema_lists_platform_endpoints(client, regions):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/platform/vacancies" in paths
