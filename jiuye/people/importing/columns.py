"""The ledger file's columns: English names and Chinese headers, in template order."""

import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    name: str
    chinese: str
    label: object
    required: bool = False
    aliases: tuple[str, ...] = ()


COLUMNS = [
    Column(
        "id_number", "身份证号", _("ID number"), True, ("身份证号码", "公民身份号码", "证件号码")
    ),
    Column("name", "姓名", _("name"), True),
    Column("phone", "联系电话", _("phone"), False, ("手机号", "手机号码", "电话", "联系方式")),
    Column("region_code", "户籍地区划代码", _("registration area code"), True, ("区划代码",)),
    Column("household_number", "户编号", _("household number"), False, ("户号",)),
    Column("relation", "与户主关系", _("relation to head"), False),
    Column("groups", "人员类别", _("groups"), False, ("人员类型",)),
    Column("education", "文化程度", _("education"), False, ("学历",)),
    Column("employment_status", "就业状态", _("employment status"), False, ("务工状态",)),
    Column("work_region_code", "务工地区划代码", _("place of work code"), False),
    Column("employer_name", "就业单位", _("employer"), False, ("务工单位", "工作单位")),
    Column("occupation", "职业/工种", _("occupation"), False, ("职业", "工种")),
    Column("monthly_income", "月收入", _("monthly income"), False, ("月收入(元)", "月工资")),
    Column("status_since", "状态起始日期", _("status since"), False, ("起始日期", "务工时间")),
]
COLUMN_NAMES = [c.name for c in COLUMNS]


def _key(text: object) -> str:
    return "".join(unicodedata.normalize("NFKC", str(text or "")).split()).lower()


_HEADERS = {}
for _column in COLUMNS:
    for _spelling in (_column.name, _column.chinese, *_column.aliases):
        _HEADERS[_key(_spelling)] = _column.name


def map_headers(headers: list[object]) -> tuple[dict[str, int], list[str]]:
    """{column name: index} for the headers we know, and the headers we do not."""
    found: dict[str, int] = {}
    unknown: list[str] = []
    for index, header in enumerate(headers):
        name = _HEADERS.get(_key(header))
        if name is None:
            if _key(header):
                unknown.append(str(header))
        elif name not in found:
            found[name] = index
    return found, unknown


def missing_required(found: dict[str, int]) -> list[Column]:
    return [c for c in COLUMNS if c.required and c.name not in found]
