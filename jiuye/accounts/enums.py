from django.db import models
from django.utils.translation import gettext_lazy as _

from jiuye.geo.enums import RegionLevel


class Role(models.TextChoices):
    CITY_ADMIN = "city_admin", _("City administrator")
    COUNTY_OFFICER = "county_officer", _("County officer")
    TOWNSHIP_OFFICER = "township_officer", _("Township officer")
    VILLAGE_CADRE = "village_cadre", _("Village cadre")
    EMPLOYER = "employer", _("Employer")
    JOB_SEEKER = "job_seeker", _("Job seeker")
    TRAINING_INSTITUTION = "training_institution", _("Training institution")


# Staff roles are bound to a region and see everything under it.
STAFF_ROLES = frozenset(
    {Role.CITY_ADMIN, Role.COUNTY_OFFICER, Role.TOWNSHIP_OFFICER, Role.VILLAGE_CADRE}
)
# The level of region each staff role is bound to.
ROLE_REGION_LEVEL = {
    Role.CITY_ADMIN: RegionLevel.CITY,
    Role.COUNTY_OFFICER: RegionLevel.COUNTY,
    Role.TOWNSHIP_OFFICER: RegionLevel.TOWNSHIP,
    Role.VILLAGE_CADRE: RegionLevel.VILLAGE,
}
# Roles that manage the users of their area.
USER_MANAGER_ROLES = frozenset({Role.CITY_ADMIN, Role.COUNTY_OFFICER})
# Roles that may see full ID numbers (each reveal is audited).
ID_REVEAL_ROLES = frozenset(
    {Role.CITY_ADMIN, Role.COUNTY_OFFICER, Role.TOWNSHIP_OFFICER, Role.VILLAGE_CADRE}
)
