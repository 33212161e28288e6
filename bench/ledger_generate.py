"""A realistic city ledger as a CSV file, for the import benchmark.

    .venv/bin/python -m bench.ledger_generate --people 1000000 --out var/bench/ledger.csv

People live in households of one to six on Hechi's real townships (9-digit codes); the mix
of groups and statuses is the mountain county's: many lifted out of poverty, most working
age people away for work, above all in Guangdong. About 1% of cells carry the mess the field
writes (full-width digits, spaces, lowercase x, `2020.3`, Excel serials, Chinese dates).
Deterministic for a given --seed.
"""

import argparse
import csv
import datetime
import os
import random
import sys
import time
from pathlib import Path

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
SURNAMES = "韦蓝覃黄莫潘蒙罗陆梁卢谢李王陈刘杨吴兰廖"
GIVEN = "小明华丽芳强军红英秀兰玉梅春生福贵金海林平安国建忠志勇德文光荣美香凤桂娟燕"
MOBILE_PREFIXES = [
    "130",
    "131",
    "132",
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "153",
    "155",
    "156",
    "157",
    "158",
    "159",
    "166",
    "177",
    "180",
    "181",
    "182",
    "183",
    "185",
    "186",
    "187",
    "188",
    "189",
    "198",
    "199",
]
STATUS_MIX = [  # (field wording, weight, where)
    ("省外务工", 34, "outside"),
    ("县外省内务工", 14, "province"),
    ("县内务工", 15, "county"),
    ("自主创业", 4, "county"),
    ("灵活就业", 8, "county"),
    ("公益性岗位", 2, "county"),
    ("未就业", 12, ""),
    ("参加培训", 1, ""),
    ("非劳动力", 10, ""),
]
EDUCATION_MIX = [
    ("小学", 22),
    ("初中", 45),
    ("高中", 12),
    ("中专", 8),
    ("大专", 7),
    ("大学本科", 4),
    ("文盲或半文盲", 2),
]
EMPLOYERS = ["电子厂", "制衣厂", "鞋厂", "建筑公司", "物流公司", "餐饮店", "家具厂", "玩具厂"]
OCCUPATIONS = ["电子设备装配工", "缝纫工", "砌筑工", "快递员", "中式烹调师", "保安员", "", "", ""]
HEADER = [
    "身份证号",
    "姓名",
    "联系电话",
    "户籍地区划代码",
    "户编号",
    "与户主关系",
    "人员类别",
    "文化程度",
    "就业状态",
    "务工地区划代码",
    "就业单位",
    "职业/工种",
    "月收入",
    "状态起始日期",
]


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    import django

    django.setup()


def place_codes():
    from jiuye.geo.enums import RegionLevel
    from jiuye.geo.services import reference_rows

    townships, guangdong, guangxi = [], [], []
    for code, _name, level in reference_rows():
        if level == RegionLevel.TOWNSHIP and code.startswith("4512"):
            townships.append(code)
        elif level == RegionLevel.COUNTY and code.startswith("44"):
            guangdong.append(code)
        elif level == RegionLevel.COUNTY and code.startswith("45") and not code.startswith("4512"):
            guangxi.append(code)
    return sorted(townships), sorted(guangdong), sorted(guangxi)


def check_digit(body: str) -> str:
    from stdnum.cn import ric

    return ric.calc_check_digit(body + "0")


def _weighted(rng, mix):
    items = [m[0] for m in mix]
    weights = [m[1] for m in mix]
    return lambda: rng.choices(items, weights)[0]


def generate(people: int, out: Path, seed: int = 20) -> int:
    rng = random.Random(seed)
    townships, guangdong, guangxi = place_codes()
    # Guangdong's factory districts draw most of the county's migrants.
    hot = [c for c in guangdong if c[:4] in ("4403", "4419", "4420", "4406", "4401", "4413")]
    status = _weighted(rng, STATUS_MIX)
    where = {s: w for s, _weight, w in STATUS_MIX}
    education = _weighted(rng, EDUCATION_MIX)
    used: set[str] = set()
    today = datetime.date(2026, 10, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    household = 0
    with out.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        while written < people:
            household += 1
            township = rng.choice(townships)
            county = township[:6]
            number = f"{township}{household:07d}"
            lifted = rng.random() < 0.4
            monitored = not lifted and rng.random() < 0.05
            size = min(people - written, rng.choice([1, 2, 3, 3, 4, 4, 4, 5, 5, 6]))
            surname = rng.choice(SURNAMES)
            for member in range(size):
                relation = (
                    "户主"
                    if member == 0
                    else rng.choice(["妻", "长子", "次子", "长女", "儿媳", "孙子", "母亲"])
                )
                age = rng.randint(18, 58) if member < 2 else rng.randint(16, 40)
                birth = today - datetime.timedelta(days=age * 365 + rng.randint(0, 364))
                sex = "F" if relation in ("妻", "长女", "儿媳", "母亲") else "M"
                while True:
                    seq = rng.randint(0, 499) * 2 + (1 if sex == "M" else 0)
                    body = f"{county}{birth:%Y%m%d}{seq:03d}"
                    if body not in used:
                        used.add(body)
                        break
                id_number = body + check_digit(body)
                groups = []
                if lifted:
                    groups.append("脱贫人口")
                if monitored:
                    groups.append("监测对象")
                if rng.random() < 0.05:
                    groups.append("残疾人")
                if sex == "M" and rng.random() < 0.02:
                    groups.append("退役军人")
                if age < 30 and rng.random() < 0.08:
                    groups.append(f"高校毕业生({today.year - rng.randint(0, 6)})")
                state = status()
                place = where[state]
                if place in ("outside", "province"):
                    groups.append("农民工")
                groups.append("农村劳动力")
                if place == "outside":
                    work_region = rng.choice(hot if rng.random() < 0.8 else guangdong)
                elif place == "province":
                    work_region = rng.choice(guangxi)
                else:
                    work_region = county if place == "county" else ""
                working = bool(place)
                since = today - datetime.timedelta(days=rng.randint(30, 2000))
                row = [
                    id_number,
                    surname + "".join(rng.sample(GIVEN, rng.choice([1, 2]))),
                    rng.choice(MOBILE_PREFIXES) + f"{rng.randint(0, 99999999):08d}"
                    if rng.random() < 0.85
                    else "",
                    township,
                    number,
                    relation,
                    "、".join(groups),
                    education(),
                    state,
                    work_region,
                    (rng.choice(["深圳", "东莞", "广州", "南宁", "都安"]) + rng.choice(EMPLOYERS))
                    if working and rng.random() < 0.6
                    else "",
                    rng.choice(OCCUPATIONS) if working else "",
                    str(rng.randrange(2500, 9000, 100)) if working else "",
                    since.isoformat(),
                ]
                _mess(rng, row, since)
                writer.writerow(row)
                written += 1
    return written


def _mess(rng, row, since):
    """About one cell in a hundred written the way the field writes it."""
    roll = rng.random()
    if roll < 0.003:
        row[0] = row[0].lower() if row[0].endswith("X") else row[0].translate(FULL_WIDTH)
    elif roll < 0.006 and row[2]:
        row[2] = f"{row[2][:3]} {row[2][3:7]} {row[2][7:]}"
    elif roll < 0.009:
        row[13] = f"{since.year}.{since.month}"
    elif roll < 0.012:
        row[13] = f"{since.year}年{since.month}月"
    elif roll < 0.014:
        row[13] = str((since - datetime.date(1899, 12, 30)).days)
    elif roll < 0.016 and row[12]:
        row[12] = f"{int(row[12]):,}元"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=Path("var/bench/ledger.csv"))
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args(argv)
    _setup_django()
    started = time.perf_counter()
    count = generate(args.people, args.out, args.seed)
    print(f"{count} people -> {args.out} in {time.perf_counter() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
