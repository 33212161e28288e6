"""Writes of the statistics module: yearly targets, set from above and split downward.

Every write is audited (`stats.target_set`, `stats.target_split`)."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jiuye.accounts.audit import record_event
from jiuye.geo.enums import RegionLevel
from jiuye.geo.models import Region
from jiuye.stats import catalogue
from jiuye.stats.catalogue import COUNT
from jiuye.stats.models import Target


def _targetable(indicator_code: str) -> catalogue.Indicator:
    try:
        indicator = catalogue.get(indicator_code)
    except KeyError:
        raise ValidationError({"indicator_code": _("Unknown indicator.")}) from None
    if not indicator.targetable:
        raise ValidationError({"indicator_code": _("This indicator takes no target.")})
    return indicator


def _check_value(value: Decimal, indicator: catalogue.Indicator) -> Decimal:
    value = Decimal(value)
    if value < 0 or (indicator.kind != COUNT and value > 100):
        raise ValidationError({"value": _("A target cannot be negative, nor a rate above 100.")})
    return value


@transaction.atomic
def set_city_target(*, indicator_code: str, year: int, region_code: str, value, by) -> Target:
    """Record the yearly target the level above set for the city."""
    indicator = _targetable(indicator_code)
    region = Region.objects.get(code=region_code)
    if region.level != RegionLevel.CITY:
        raise ValidationError({"region": _("Targets from above are set for a city.")})
    if not (by.is_superuser or by.area_code == region_code):
        raise PermissionDenied(_("Only the city's own administrators record its targets."))
    value = _check_value(value, indicator)
    target = Target.objects.filter(indicator_code=indicator_code, year=year, region=region).first()
    old = target.value if target else None
    if target is None:
        target = Target.objects.create(
            indicator_code=indicator_code, year=year, region=region, value=value, set_by=by
        )
    else:
        target.value, target.set_by = value, by
        target.save(update_fields=["value", "set_by", "updated_at"])
    record_event(
        actor=by,
        action="stats.target_set",
        obj=target,
        area_code=region_code,
        changes={"value": [old, value], "indicator": indicator_code, "year": year},
    )
    return target


@transaction.atomic
def split_target(
    *,
    indicator_code: str,
    year: int,
    parent_code: str,
    shares: dict[str, Decimal],
    by,
    reason: str = "",
) -> list[Target]:
    """Split the parent area's target among its direct child areas.

    For a count the shares must add up to the parent's target unless `reason` says why not
    (a reserve kept back, a county with a special programme); for a rate each child gets
    its own rate. Areas not named keep no target. The splitting user must cover the parent.
    """
    indicator = _targetable(indicator_code)
    if not by.covers(parent_code):
        raise PermissionDenied(_("That area lies outside your own."))
    parent = (
        Target.objects.select_for_update()
        .filter(indicator_code=indicator_code, year=year, region_id=parent_code)
        .first()
    )
    if parent is None:
        raise ValidationError(_("The area has no target for that year to split."))
    children = set(Region.objects.children_of(parent_code).values_list("code", flat=True))
    strangers = sorted(set(shares) - children)
    if strangers:
        raise ValidationError(
            _("Not areas directly below %(area)s: %(codes)s")
            % {"area": parent_code, "codes": ", ".join(strangers)}
        )
    values = {code: _check_value(v, indicator) for code, v in shares.items()}
    reason = reason.strip()
    total = sum(values.values(), Decimal(0))
    if indicator.kind == COUNT and total != parent.value and not reason:
        raise ValidationError(
            _(
                "The targets below add up to %(total)s, not to %(target)s. Correct them or "
                "say why they differ."
            )
            % {"total": total, "target": parent.value}
        )
    Target.objects.filter(indicator_code=indicator_code, year=year, region_id__in=children).exclude(
        region_id__in=values
    ).delete()
    targets = []
    for code, value in sorted(values.items()):
        target, _created = Target.objects.update_or_create(
            indicator_code=indicator_code,
            year=year,
            region_id=code,
            defaults={"value": value, "set_by": by},
        )
        targets.append(target)
    parent.split_note = reason if indicator.kind == COUNT and total != parent.value else ""
    parent.save(update_fields=["split_note", "updated_at"])
    record_event(
        actor=by,
        action="stats.target_split",
        obj=parent,
        area_code=parent_code,
        changes={"shares": {k: str(v) for k, v in sorted(values.items())}, "reason": reason},
    )
    return targets
