"""The API as a whole: its OpenAPI schema builds, and nothing is open that is not meant to be."""

import re

import pytest

# Endpoints anyone may call: the job board, the public notice of certifications, health.
PUBLIC = {
    "/api/v1/health",
    "/api/v1/platform/vacancies",
    "/api/v1/platform/vacancies/{vacancy_id}",
    "/api/v1/assistance/notice",
}


@pytest.fixture
def schema(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_schema_has_every_areas_endpoints(schema):
    prefixes = {path.split("/")[3] for path in schema["paths"] if path.count("/") > 3}
    assert {"people", "platform", "assistance", "stats"} <= prefixes


def test_only_the_public_endpoints_answer_anonymous_callers(client, schema, regions):
    checked = 0
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        url = re.sub(r"\{[^}]+\}", "1", path)
        response = client.get(url)
        if path in PUBLIC:
            assert response.status_code != 401, path
        else:
            assert response.status_code == 401, f"{path} answered {response.status_code}"
            checked += 1
    assert checked >= 3


def test_unsafe_methods_need_a_session_too(client, schema):
    for path, operations in schema["paths"].items():
        for method in ("post", "put", "patch", "delete"):
            if method in operations:
                url = re.sub(r"\{[^}]+\}", "1", path)
                response = getattr(client, method)(url, data={}, content_type="application/json")
                assert response.status_code in (401, 403), f"{method} {path}"
