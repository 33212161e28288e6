"""From the words and numbers people type into spreadsheets to clean values.

Every parser takes a cell (str, int, float, date or None) and returns a clean value or
raises `CellError` with a translatable reason. Cells are first put through NFKC (full-width
digits and letters become half-width) and stripped of spaces.
"""

import datetime
import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation

import phonenumbers
from django.utils.translation import gettext_lazy as _

from jiuye.lib.idnumbers import InvalidIdNumber, check_id_number, normalise_id_number
from jiuye.people.enums import Education, EmploymentStatus, PersonGroup, Relation


class CellError(ValueError):
    """A cell that cannot be understood; `reason` is translatable."""

    def __init__(self, reason):
        super().__init__(str(reason))
        self.reason = reason


_SPACES = re.compile(r"\s+")


def clean_text(value: object) -> str:
    """NFKC, no spaces anywhere (Chinese cells have none that matter), '' for empty."""
    if value is None:
        return ""
    if type(value) is not str:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        value = str(value)
    if not value.isascii():
        value = unicodedata.normalize("NFKC", value)
    return "".join(value.split())


def clean_name(value: object) -> str:
    """Names keep inner spaces only between Latin words (e.g. minority names in pinyin)."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFKC", str(value or "")).strip())
    return _CJK_SPACE.sub("", text)


_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])")


def _key(value: object) -> str:
    return clean_text(value).lower().replace("_", "").replace("-", "")


# --- ID numbers -----------------------------------------------------------------------


_SCIENTIFIC = re.compile(r"^\d(\.\d+)?e\+?\d+$", re.IGNORECASE)


def parse_id_number(value: object) -> str:
    if type(value) is str and len(value) == 18 and value.isascii() and value[:17].isdigit():
        number = value.upper()  # the common case, already clean
    else:
        if isinstance(value, float) or _SCIENTIFIC.match(clean_text(value)):
            raise CellError(
                _(
                    "Excel stored this ID number as a number and lost its last digits: "
                    "format the column as text and type the number again."
                )
            )
        number = normalise_id_number(value)
    try:
        return check_id_number(number)
    except InvalidIdNumber as exc:
        raise CellError(str(exc)) from None


# --- phone numbers --------------------------------------------------------------------


def parse_phone(value: object) -> str:
    """A Chinese mobile or landline number, returned as its national digits
    (`13812345678`, `07785551234`); '' when empty."""
    text = clean_text(value)
    if not text:
        return ""
    # Mobile numbers, the common case: phonenumbers' own pattern for Chinese mobiles,
    # without a full parse; anything else goes through the full parse below.
    if len(text) == 11 and text[0] == "1" and _mobile_pattern().fullmatch(text):
        return text
    text = text.replace("-", "").replace("(", "").replace(")", "")
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    elif len(text) == 13 and text.startswith("86"):
        text = text[2:]
    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        raise CellError(_("This is not a phone number.")) from None
    if number.country_code != 86 or not phonenumbers.is_valid_number(number):
        raise CellError(_("This is not a valid Chinese phone number."))
    national = str(number.national_number)
    return national if national.startswith("1") else "0" + national


@functools.cache
def _mobile_pattern() -> re.Pattern:
    metadata = phonenumbers.PhoneMetadata.metadata_for_region("CN")
    return re.compile(metadata.mobile.national_number_pattern)


# --- dates ------------------------------------------------------------------------------

_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_YMD = re.compile(r"^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})[日号]?|月)?\.?$")
_YM_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})?$")


def parse_date(value: object) -> datetime.date | None:
    """Excel serials, 2020-03-01, 2020/3/1, 2020.3, 2020.03.05, 2020年3月, 2020年3月5日
    (or 5号), 20200301 and 202003. A month without a day means its first day. None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_serial(value)
    text = clean_text(value)
    if not text:
        return None
    if "T" in text or " " in str(value).strip():
        text = re.split(r"[T ]", unicodedata.normalize("NFKC", str(value)).strip())[0]
    match = _YMD.match(text)
    if not match:
        match = _YM_COMPACT.match(text)
    if match:
        year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
        try:
            day_value = datetime.date(year, month, day)
        except ValueError:
            raise CellError(_("This date does not exist.")) from None
        return _plausible(day_value)
    if re.fullmatch(r"\d{4,5}(\.\d+)?", text):
        return _from_serial(float(text))
    raise CellError(_("This is not a date we understand; write it as 2020-03-01."))


def _from_serial(serial: float) -> datetime.date:
    if not 1 <= serial < 2958466:
        raise CellError(_("This is not a date we understand; write it as 2020-03-01."))
    return _plausible(_EXCEL_EPOCH + datetime.timedelta(days=int(serial)))


def _plausible(day: datetime.date) -> datetime.date:
    if day.year < 1950 or day > datetime.date.today() + datetime.timedelta(days=366):
        raise CellError(_("This date is too far in the past or the future."))
    return day


# --- money ------------------------------------------------------------------------------

MAX_MONTHLY_INCOME = 1_000_000
_ABOUT = re.compile(r"^(?:大约|约|月均|平均|每月)|(?:左右|上下|以上|多)$")
_RANGE = re.compile(r"^\d+(?:\.\d+)?[千万]?(?:-|~|～|至|到)\d")


def parse_income(value: object) -> int | None:
    """Whole yuan per month: `3500`, `3,500`, `3500元`, `3500.00`, `3.5千`, `1.2万`, and
    about so much: `约3500`, `3500左右`."""
    text = clean_text(value)
    if not text:
        return None
    text = text.replace(",", "").replace("元", "").replace("/月", "").replace("每月", "")
    text = text.replace("¥", "").replace("￥", "").replace("RMB", "").replace("rmb", "")
    # 约4000, 4000左右, 月均4000: about so much, which is what the ledger keeps.
    text = _ABOUT.sub("", text)
    if _RANGE.match(text):
        raise CellError(_("Give one monthly amount, not a range."))
    factor = 1
    if text.endswith("万"):
        factor, text = 10000, text[:-1]
    elif text.endswith("千"):
        factor, text = 1000, text[:-1]
    try:
        amount = Decimal(text) * factor
    except InvalidOperation:
        raise CellError(_("The monthly income must be a number of yuan.")) from None
    if not amount.is_finite() or amount < 0:
        raise CellError(_("The monthly income must be a number of yuan."))
    if amount > MAX_MONTHLY_INCOME:
        raise CellError(_("A monthly income above 1,000,000 yuan is surely a mistake."))
    return int(amount.to_integral_value())


# --- enumerations -----------------------------------------------------------------------


def _vocabulary(choices, words: dict[str, list[str]]) -> dict[str, str]:
    """Map every accepted wording to its value: the value itself, its English label,
    and the field words listed."""
    vocabulary: dict[str, str] = {}
    for value, label in choices.choices:
        vocabulary[_key(value)] = value
        with _english():
            vocabulary[_key(str(label))] = value
    for value, spellings in words.items():
        for spelling in spellings:
            vocabulary[_key(spelling)] = value
    return vocabulary


class _english:
    def __enter__(self):
        from django.utils import translation

        self._ctx = translation.override("en")
        self._ctx.__enter__()

    def __exit__(self, *exc):
        self._ctx.__exit__(*exc)


S = EmploymentStatus
STATUS_WORDS = {
    S.EMPLOYED_IN_COUNTY: [
        "县内务工",
        "县内就业",
        "本县务工",
        "县内就近就业",
        "就近就业",
        "本地务工",
    ],
    S.EMPLOYED_IN_PROVINCE: [
        "县外省内务工",
        "省内县外务工",
        "区内县外务工",
        "县外区内务工",
        "省内务工",
        "区内务工",
        "省内就业",
    ],
    S.EMPLOYED_OUTSIDE_PROVINCE: ["省外务工", "区外务工", "外省务工", "跨省务工", "省外就业"],
    S.SELF_EMPLOYED: ["自主创业", "创业", "个体经营", "自主经营", "self employed"],
    S.FLEXIBLE: ["灵活就业", "零工"],
    S.WELFARE_POST: ["公益性岗位", "公益岗位", "公益性岗位就业", "公益岗"],
    S.UNEMPLOYED: ["未就业", "未务工", "失业", "待业", "无业", "unemployed"],
    S.IN_TRAINING: ["参加培训", "培训", "在培训", "培训中", "in training"],
    S.NOT_IN_LABOUR_FORCE: [
        "非劳动力",
        "无劳动能力",
        "丧失劳动能力",
        "在校生",
        "在校学生",
        "学生",
        "在校",
        "在读",
    ],
}
_BRACKETED = re.compile(r"[(（\[【].*?[)）\]】]")
# Working away, without saying how far: the place of work tells (`status_for_place`).
AWAY = "away"
AWAY_WORDS = ["外出务工", "外出就业", "外出", "在外务工", "外地务工", "务工", "打工", "外出打工"]

G = PersonGroup
GROUP_WORDS = {
    # Since 2021 every registered-poor person counts as lifted out of poverty, which is how
    # the field writes it; the historical "registered poor" group is `poor` or 贫困户.
    G.POOR: ["贫困户", "贫困人口", "未脱贫"],
    G.LIFTED_OUT_OF_POVERTY: [
        "脱贫人口",
        "脱贫户",
        "建档立卡贫困人口",
        "建档立卡户",
        "建档立卡",
        "脱贫劳动力",
        "已脱贫",
    ],
    G.MONITORED: [
        "监测对象",
        "防返贫监测对象",
        "三类监测对象",
        "脱贫不稳定户",
        "边缘易致贫户",
        "突发严重困难户",
    ],
    G.DISABLED: ["残疾人", "残疾"],
    G.VETERAN: ["退役军人", "退伍军人"],
    G.DRUG_REHABILITATION: ["戒毒康复人员", "社区戒毒人员", "戒毒人员"],
    G.COLLEGE_GRADUATE: ["高校毕业生", "大学毕业生", "应届毕业生"],
    G.REGISTERED_UNEMPLOYED: ["登记失业人员", "失业人员"],
    G.MIGRANT_WORKER: ["农民工", "外出务工人员"],
    G.FARMER: ["农村劳动力", "农民", "农村劳动者"],
}

E = Education
EDUCATION_WORDS = {
    E.POSTGRADUATE: ["研究生", "博士", "博士研究生", "硕士", "硕士研究生", "11", "12", "13"],
    E.UNDERGRADUATE: ["大学本科", "本科", "21", "大学"],
    E.JUNIOR_COLLEGE: ["大学专科", "专科", "大专", "高职", "大学专科和专科学校", "31"],
    E.SECONDARY_VOCATIONAL: ["中等专业学校", "中专", "中职", "中等职业教育", "41"],
    E.TECHNICAL_SCHOOL: ["技工学校", "技校", "技工", "51"],
    E.HIGH_SCHOOL: ["高中", "普通高中", "职业高中", "职高", "农业高中", "61", "62", "63"],
    E.JUNIOR_HIGH: ["初中", "初级中学", "71"],
    E.PRIMARY: ["小学", "81"],
    E.ILLITERATE: ["文盲", "半文盲", "文盲或半文盲", "文盲半文盲", "不识字或识字很少"],
}

R = Relation
RELATION_WORDS = {
    R.HEAD: ["户主", "本人", "本人或户主", "02"],
    R.SPOUSE: ["配偶", "妻", "妻子", "夫", "丈夫", "老婆", "老公", "10"],
    R.CHILD: [
        "子",
        "女",
        "儿子",
        "女儿",
        "之子",
        "之女",
        "长子",
        "次子",
        "三子",
        "长女",
        "次女",
        "三女",
        "子女",
        "养子",
        "养女",
        "独生子",
        "独生女",
    ],
    R.CHILD_IN_LAW: ["儿媳", "女婿", "媳妇", "之儿媳", "之女婿"],
    R.GRANDCHILD: ["孙子", "孙女", "外孙", "外孙子", "外孙女", "孙子女", "之孙子", "之孙女"],
    R.PARENT: ["父亲", "母亲", "父", "母", "父母", "之父", "之母"],
    R.GRANDPARENT: ["祖父", "祖母", "外祖父", "外祖母", "爷爷", "奶奶"],
    R.SIBLING: ["兄弟姐妹", "兄", "弟", "姐", "妹", "哥哥", "弟弟", "姐姐", "妹妹"],
    R.OTHER: ["其他", "其它", "其他亲属"],
}


@functools.cache
def vocabularies() -> dict[str, dict[str, str]]:
    return {
        "status": _vocabulary(EmploymentStatus, {**STATUS_WORDS, AWAY: AWAY_WORDS}),
        "group": _vocabulary(PersonGroup, GROUP_WORDS),
        "education": _vocabulary(Education, EDUCATION_WORDS),
        "relation": _vocabulary(Relation, RELATION_WORDS),
    }


def parse_status(value: object) -> str:
    """'' when empty; `AWAY` for 外出务工 and the like, which the place of work resolves."""
    key = _key(value)
    if not key:
        return ""
    vocabulary = vocabularies()["status"]
    if key not in vocabulary:
        # 省外务工（广东）: a status with a note in brackets is the status.
        key = _BRACKETED.sub("", key)
    try:
        return vocabulary[key]
    except KeyError:
        raise CellError(_("This employment status is not one we know.")) from None


def parse_education(value: object) -> str:
    key = _key(value)
    if not key:
        return ""
    vocabulary = vocabularies()["education"]
    if key in vocabulary:
        return vocabulary[key]
    if key.isdigit() and len(key) == 2 and f"{key[0]}0" in Education.values:
        return f"{key[0]}0"
    raise CellError(_("This education level is not one we know."))


def parse_relation(value: object) -> str:
    key = _key(value)
    if not key:
        return ""
    try:
        return vocabularies()["relation"][key]
    except KeyError:
        raise CellError(_("This relation to the head of household is not one we know.")) from None


_GROUP_SPLIT = re.compile(r"[;；、,，/|+\s]+")
# No group at all: an ordinary household's member.
NO_GROUP_WORDS = {"无", "没有", "一般户", "一般农户", "普通农户", "非贫困户", "普通户", "/"}
_SPACED_DETAIL = re.compile(r"\s+(?=[(（\[]?(?:\d{4}|[一二三四1234]级))")
_DETAIL = re.compile(r"^(.*?)[(（\[]?(\d{4}|[一二三四1234]级)[)）\]]?$")


def parse_groups(value: object) -> list[tuple[str, str]]:
    """`脱贫人口、残疾人(二级)；高校毕业生2023` -> [(lifted, ""), (disabled, "二级"),
    (graduate, "2023")], in the order given, without repeats."""
    text = unicodedata.normalize("NFKC", str(value or ""))
    text = _SPACED_DETAIL.sub("", text)  # 高校毕业生 2023: a detail, not a second group
    groups: dict[str, str] = {}
    vocabulary = vocabularies()["group"]
    for part in _GROUP_SPLIT.split(text):
        key = _key(part)
        if not key or key in NO_GROUP_WORDS:
            continue
        detail = ""
        if key not in vocabulary:
            match = _DETAIL.match(key)
            if match and _key(match[1]) in vocabulary:
                key, detail = _key(match[1]), match[2]
            else:
                raise CellError(_("“%(word)s” is not a group we know.") % {"word": part.strip()})
        groups.setdefault(vocabulary[key], detail)
    return list(groups.items())


# --- region codes -----------------------------------------------------------------------


def parse_region_code(value: object) -> str:
    """The digits of a 9- or 12-digit division code ('' when empty); 6-digit county codes
    are accepted too, for the place of work."""
    text = clean_text(value)
    if not text:
        return ""
    if not text.isdigit() or len(text) not in (6, 9, 12):
        raise CellError(_("A division code has 6, 9 or 12 digits."))
    if len(text) == 12 and text.endswith("000"):
        text = text[:9]  # 451228101000 is the township 451228101
    if len(text) == 9 and text.endswith("000"):
        text = text[:6]
    return text
