"""The period's figures as a bureau writes them, in Chinese and in English, and as an XLSX
workbook (one sheet per table, and the definitions)."""

import datetime
import io

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from jiuye.stats.catalogue import catalogue
from jiuye.stats.dashboard import Dashboard
from jiuye.stats.enums import TargetStatus


def _zh_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _en_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B} {day.year}"


def _n(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


def _target_zh(p) -> str:
    if p is None or p.actual is None:
        return ""
    if p.status == TargetStatus.EXCEEDED:
        return f"，完成年度目标{_n(p.target)}的{_n(p.percent_of_target)}%，超额完成任务"
    if p.status == TargetStatus.ON_TRACK:
        return f"，完成年度目标{_n(p.target)}的{_n(p.percent_of_target)}%，快于时序进度"
    return (
        f"，完成年度目标{_n(p.target)}的{_n(p.percent_of_target)}%，"
        f"低于时序进度（应完成{_n(p.expected)}）"
    )


def _target_en(p, unit: str = "") -> str:
    if p is None or p.actual is None:
        return ""
    target = f"{_n(p.target)}{unit}"
    if p.status == TargetStatus.EXCEEDED:
        return f", exceeding the yearly target of {target} ({_n(p.percent_of_target)}%)"
    if p.status == TargetStatus.ON_TRACK:
        return f", {_n(p.percent_of_target)}% of the yearly target of {target}, on track"
    return (
        f", {_n(p.percent_of_target)}% of the yearly target of {target}, "
        f"behind the {_n(p.expected)}{unit} expected by now"
    )


def _yoy_zh(entry) -> str:
    yoy = entry.get("year_on_year") or {}
    if yoy.get("change") is None:
        return ""
    change = yoy["change"]
    word = "增加" if change >= 0 else "减少"
    return f"，比上年同期{word}{_n(abs(change))}"


def _yoy_en(entry) -> str:
    yoy = entry.get("year_on_year") or {}
    if yoy.get("change") is None:
        return ""
    change = yoy["change"]
    word = "more" if change >= 0 else "fewer"
    return f", {_n(abs(change))} {word} than a year earlier"


def summary(dashboard: Dashboard) -> dict[str, list[str]]:
    """Sentences in Chinese ("zh") and English ("en") stating the period's figures."""
    q, report = dashboard.query, dashboard.report
    area = report["area"]["name"]
    ind = report["indicators"]

    def progress(code):
        entry = dashboard.progress.get(code)
        return entry["area"] if entry else None

    zh = [f"截至{_zh_date(q.as_of)}，{area}（统计期自{_zh_date(q.period_start)}起）："]
    en = [f"As of {_en_date(q.as_of)}, in {area} (period from {_en_date(q.period_start)}):"]
    if "new_rural_labour_jobs" in ind:
        e = ind["new_rural_labour_jobs"]
        zh.append(
            f"新增农村劳动力转移就业{_n(e['value'])}人"
            f"{_target_zh(progress(e['code']))}{_yoy_zh(e)}。"
        )
        en.append(
            f"{_n(e['value'])} rural labourers moved into work"
            f"{_target_en(progress(e['code']))}{_yoy_en(e)}."
        )
    if "new_urban_jobs" in ind:
        e = ind["new_urban_jobs"]
        zh.append(f"城镇新增就业{_n(e['value'])}人{_target_zh(progress(e['code']))}{_yoy_zh(e)}。")
        en.append(
            f"{_n(e['value'])} new urban jobs were created"
            f"{_target_en(progress(e['code']))}{_yoy_en(e)}."
        )
    if "poverty_labour_employment_rate" in ind:
        e = ind["poverty_labour_employment_rate"]
        if e["value"] is not None:
            zh.append(
                f"脱贫劳动力{_n(e['denominator'])}人中务工就业{_n(e['numerator'])}人，"
                f"务工就业率{_n(e['value'])}%{_target_zh(progress(e['code']))}。"
            )
            en.append(
                f"Of {_n(e['denominator'])} poor and formerly poor labourers, "
                f"{_n(e['numerator'])} were in work or business: an employment rate of "
                f"{_n(e['value'])}%{_target_en(progress(e['code']), '%')}."
            )
    if "migrant_workers" in ind:
        e = ind["migrant_workers"]
        zh.append(f"外出务工{_n(e['value'])}人{_target_zh(progress(e['code']))}{_yoy_zh(e)}。")
        en.append(
            f"{_n(e['value'])} people were working away from their home county"
            f"{_target_en(progress(e['code']))}{_yoy_en(e)}."
        )
    if "migrant_return_to_work_rate" in ind:
        e = ind["migrant_return_to_work_rate"]
        if e["value"] is not None:
            zh.append(
                f"上年外出务工的{_n(e['denominator'])}人中已返岗就业{_n(e['numerator'])}人，"
                f"返岗复工率{_n(e['value'])}%。"
            )
            en.append(
                f"Of {_n(e['denominator'])} people who worked away last year, "
                f"{_n(e['numerator'])} were back in work: {_n(e['value'])}%."
            )
    if "zero_employment_households" in ind:
        e = ind["zero_employment_households"]
        zh.append(f"现有零就业家庭{_n(e['value'])}户。")
        en.append(f"{_n(e['value'])} households had nobody in work.")
    if "difficulty_people_employed" in ind:
        e = ind["difficulty_people_employed"]
        zh.append(
            f"帮助就业困难人员实现就业{_n(e['value'])}人"
            f"{_target_zh(progress(e['code']))}{_yoy_zh(e)}。"
        )
        en.append(
            f"{_n(e['value'])} people with employment difficulties were helped into work"
            f"{_target_en(progress(e['code']))}{_yoy_en(e)}."
        )
    if "welfare_posts_filled" in ind:
        e = ind["welfare_posts_filled"]
        disabled = ind.get("welfare_posts_disabled", {}).get("value", 0)
        zh.append(f"公益性岗位安置{_n(e['value'])}人次，其中残疾人{_n(disabled)}人次。")
        en.append(
            f"{_n(e['value'])} placements in public welfare posts were made, "
            f"{_n(disabled)} of them of people with disabilities."
        )
    if "zero_employment_households_cleared" in ind and "households_visited" in ind:
        cleared, visited = ind["zero_employment_households_cleared"], ind["households_visited"]
        zh.append(f"零就业家庭清零{_n(cleared['value'])}户，入户走访{_n(visited['value'])}户。")
        en.append(
            f"{_n(cleared['value'])} zero-employment households were cleared and "
            f"{_n(visited['value'])} households visited."
        )
    if all(c in ind for c in ("job_fairs", "positions_offered", "hires")):
        fairs, positions, hires = ind["job_fairs"], ind["positions_offered"], ind["hires"]
        zh.append(
            f"举办招聘会{_n(fairs['value'])}场，发布岗位{_n(positions['value'])}个，"
            f"录用{_n(hires['value'])}人次。"
        )
        en.append(
            f"{_n(fairs['value'])} job fairs were held, {_n(positions['value'])} positions "
            f"offered and {_n(hires['value'])} hires made."
        )
    current = (dashboard.supply or {}).get("current")
    if current and current["ratio"] is not None:
        zh.append(
            f"本季度在招岗位{_n(current['positions'])}个、求职者{_n(current['seekers'])}人，"
            f"求人倍率{_n(current['ratio'])}。"
        )
        en.append(
            f"This quarter {_n(current['positions'])} positions were open for "
            f"{_n(current['seekers'])} job seekers: a vacancy-to-seeker ratio of "
            f"{_n(current['ratio'])}."
        )
    for entry in dashboard.progress.values():
        if not entry["lagging"]:
            continue
        names_zh = "、".join(p.region_name for p in entry["lagging"])
        names_en = ", ".join(p.region_name for p in entry["lagging"])
        with translation.override("zh-hans"):
            zh.append(f"{entry['indicator'].label}进度滞后的地区：{names_zh}。")
        with translation.override("en"):
            en.append(f"Behind schedule on {entry['indicator'].label}: {names_en}.")
    return {"zh": zh, "en": en}


def _sheet(wb, title: str, header: list[str], rows: list[list]):
    ws = wb.create_sheet(title[:31])
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(row)
    for column in ws.columns:
        width = max(len(str(c.value or "")) for c in column)
        ws.column_dimensions[column[0].column_letter].width = min(max(10, width + 2), 60)
    return ws


def workbook(dashboard: Dashboard) -> bytes:
    report = dashboard.report
    indicators = dashboard.indicators
    wb = Workbook()
    wb.remove(wb.active)
    area = f"{report['area']['name']} ({report['area']['code']})"
    rows = []
    for e in indicators:
        p = dashboard.progress.get(e["code"], {}).get("area")
        yoy = e.get("year_on_year") or {}
        rows.append(
            [
                e["code"],
                e["label"],
                e["unit"],
                e["value"],
                e["numerator"],
                e["denominator"],
                yoy.get("last_year"),
                yoy.get("change"),
                p.target if p else None,
                p.expected if p else None,
                p.percent_of_target if p else None,
                str(p.status.label) if p else "",
            ]
        )
    _sheet(
        wb,
        _("Summary"),
        [
            _("Indicator"),
            _("Name"),
            _("Unit"),
            _("Value"),
            _("Numerator"),
            _("Denominator"),
            _("A year earlier"),
            _("Change"),
            _("Yearly target"),
            _("Expected by now"),
            _("% of target"),
            _("Status"),
        ],
        [[area, report["as_of"], report["period_start"]], *rows],
    )
    children = indicators[0]["children"] if indicators else []
    by_area = []
    for index, child in enumerate(children):
        by_area.append(
            [child["code"], child["name"], *[e["children"][index]["value"] for e in indicators]]
        )
    _sheet(wb, _("By area"), [_("Code"), _("Area"), *[e["code"] for e in indicators]], by_area)
    target_rows = []
    for entry in dashboard.progress.values():
        listed = ([entry["area"]] if entry["area"] else []) + entry["children"]
        for p in listed:
            target_rows.append(
                [
                    p.indicator.code,
                    f"{p.region_code} {p.region_name}",
                    p.target,
                    p.actual,
                    p.expected,
                    p.percent_of_target,
                    str(p.status.label),
                    _("yes") if p.lagging else "",
                ]
            )
    _sheet(
        wb,
        _("Targets"),
        [
            _("Indicator"),
            _("Area"),
            _("Yearly target"),
            _("Actual"),
            _("Expected by now"),
            _("% of target"),
            _("Status"),
            _("Lagging"),
        ],
        target_rows,
    )
    if dashboard.trends:
        codes = list(dashboard.trends)
        dates = [point["date"] for point in dashboard.trends[codes[0]]]
        trend_rows = [
            [day, *[dashboard.trends[c][i]["value"] for c in codes]] for i, day in enumerate(dates)
        ]
        _sheet(wb, _("Monthly trend"), [_("Month end"), *codes], trend_rows)
    if dashboard.supply:
        header = [
            _("Quarter from"),
            _("to"),
            _("Code"),
            _("Name"),
            _("Positions"),
            _("Job seekers"),
            _("Ratio"),
        ]
        area_rows = []
        for quarter in dashboard.supply["quarters"]:
            area_rows.append(
                [
                    quarter["start"],
                    quarter["end"],
                    report["area"]["code"],
                    report["area"]["name"],
                    quarter["positions"],
                    quarter["seekers"],
                    quarter["ratio"],
                ]
            )
            for row in quarter["areas"]:
                area_rows.append(
                    [
                        quarter["start"],
                        quarter["end"],
                        row["code"],
                        row["name"],
                        row["positions"],
                        row["seekers"],
                        row["ratio"],
                    ]
                )
        _sheet(wb, _("Supply-demand by area"), header, area_rows)
        current = dashboard.supply["current"]
        group_rows = [
            [
                current["start"],
                current["end"],
                row["code"],
                row["name"],
                row["positions"],
                row["seekers"],
                row["ratio"],
            ]
            for row in current["majors"] + current["mediums"]
        ]
        _sheet(wb, _("Supply-demand by occupation"), header, group_rows)
        _sheet(
            wb,
            _("Shortest supply"),
            [_("Rank"), _("Code"), _("Name"), _("Positions"), _("Job seekers"), _("Ratio")],
            [
                [rank, row["code"], row["name"], row["positions"], row["seekers"], row["ratio"]]
                for rank, row in enumerate(dashboard.supply["shortages"], 1)
            ],
        )
    _sheet(
        wb,
        _("Definitions"),
        [_("Indicator"), _("Version"), _("Name"), _("Unit"), _("Kind"), _("Definition")],
        [
            [i.code, i.version, str(i.label), str(i.unit), i.kind, str(i.description)]
            for i in catalogue()
        ],
    )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
