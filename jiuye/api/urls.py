"""The REST API at /api/v1/: typed schemas per endpoint over the same services as the pages."""

import importlib

from ninja import NinjaAPI
from ninja.security import django_auth

api = NinjaAPI(
    title="Jiuye API",
    version="1",
    description="Public employment services: ledger, platform, assistance, statistics.",
    auth=django_auth,
    urls_namespace="api",
)


@api.get("/health", auth=None, tags=["meta"])
def health(request) -> dict:
    return {"status": "ok"}


# Each area's endpoints live in `jiuye/api/<area>.py` as a ninja `router`.
for _area in ("people", "platform", "jobfairs", "assistance", "stats"):
    try:
        _module = importlib.import_module(f"jiuye.api.{_area}")
    except ModuleNotFoundError as exc:
        if exc.name != f"jiuye.api.{_area}":
            raise
        continue
    api.add_router(f"/{_area}/", _module.router)
