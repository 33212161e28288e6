"""Demo logins, one for every role, all with the same printed password."""

from dataclasses import dataclass

from jiuye.accounts.enums import Role
from jiuye.accounts.models import User

DEMO_PASSWORD = "jiuye-demo-2026"  # noqa: S105 (printed on purpose: demo only)


@dataclass
class DemoLogin:
    username: str
    role: str
    area: str


def ensure_user(username: str, *, role: str = "", first_name: str = "", **fields) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, role=role, first_name=first_name, **fields)
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def ensure_staff(city_code: str, county_code: str, township_code: str, village_code: str):
    ensure_user(
        "admin",
        role=Role.CITY_ADMIN,
        first_name="系统管理员",
        region_id=city_code,
        is_superuser=True,
        is_staff=True,
    )
    ensure_user("city", role=Role.CITY_ADMIN, first_name="市局 王建国", region_id=city_code)
    ensure_user("county", role=Role.COUNTY_OFFICER, first_name="县局 韦丽华", region_id=county_code)
    ensure_user(
        "township", role=Role.TOWNSHIP_OFFICER, first_name="乡镇 蓝志强", region_id=township_code
    )
    ensure_user(
        "village", role=Role.VILLAGE_CADRE, first_name="村干部 覃秀英", region_id=village_code
    )


def demo_logins() -> list[DemoLogin]:
    users = User.objects.filter(password__isnull=False).select_related(
        "region", "employer", "person", "institution"
    )
    logins = []
    for user in users.order_by("id"):
        if user.check_password(DEMO_PASSWORD):
            bound = user.employer or user.institution or user.person or ""
            area = user.region.name if user.region_id else bound
            logins.append(DemoLogin(user.username, user.get_role_display(), str(area)))
    return logins
