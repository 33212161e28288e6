"""The audit log's one entry point: every later feature calls `record_event`.

Record every reveal of sensitive data, every money-moving act and every status change:
`record_event(actor=user, action="person.reveal_id", obj=person, area_code=person.region_id,
request=request)`.
"""

from typing import Any

from django.db import models

from jiuye.accounts.models import AuditEvent


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record_event(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    area_code: str = "",
    changes: dict[str, Any] | None = None,
    request=None,
) -> AuditEvent:
    """Append one audit record. `changes` maps a field to `[old, new]` or holds facts."""
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if authenticated else None,
        actor_username=actor.get_username() if authenticated else "",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        area_code=area_code or "",
        changes=_jsonable(changes or {}),
        ip_address=_client_ip(request),
    )


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields whose values differ, as `{field: [old, new]}`."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return str(value.pk)
    return str(value)
