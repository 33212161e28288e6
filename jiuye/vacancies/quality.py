"""Quality checks a vacancy passes before it goes public.

1. Discriminatory requirements are refused, with a message naming the problem and the words
   that caused it. Chinese law (Employment Promotion Law arts. 26-31; Labour Law art. 12)
   forbids discrimination by sex, ethnicity, origin (household registration), marital or
   childbearing status and carrying an infectious pathogen such as hepatitis B; an age limit
   is refused unless it is the legal minimum working age (16) or adulthood (18) or reaches
   the statutory retirement age. Texts are checked in Chinese and English.
2. A near-duplicate of a live vacancy of the same employer is flagged, not published twice.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.translation import gettext_lazy as _

from jiuye.vacancies.search_text import normalise

# Kinds of discrimination, with the label a message shows.
KINDS = {
    "gender": _("gender"),
    "ethnicity": _("ethnicity"),
    "origin": _("place of origin or household registration"),
    "marital": _("marital or childbearing status"),
    "health": _("health condition (such as hepatitis B)"),
    "age": _("age limit not justified by law"),
}

_ZH = r"[\u4e00-\u9fff]"
_PATTERNS: list[tuple[str, re.Pattern]] = [
    # sex
    ("gender", re.compile(r"(限|仅限|仅招|只招|只限|只要|仅要|要求)\s*(男|女)(性|士|生)?(?!女)")),
    ("gender", re.compile(r"(男|女)(性|士|生)?\s*(优先|勿扰|免谈|不要|不招)")),
    ("gender", re.compile(r"(不招|不要|谢绝)\s*(男|女)(性|士|生)?")),
    ("gender", re.compile(r"\b(males?|females?|men|women|man|woman)\s+(only|preferred)\b")),
    ("gender", re.compile(r"\bonly\s+(males?|females?|men|women)\b")),
    ("gender", re.compile(r"\bno\s+(males?|females?|men|women)\b")),
    # ethnicity
    ("ethnicity", re.compile(r"(限|仅限|仅招|只招)\s*汉族|汉族\s*优先")),
    (
        "ethnicity",
        re.compile(r"(少数民族|维吾尔族|藏族|回族|" + _ZH + r"{1,3}族)\s*(勿扰|免谈|不招|不要)"),
    ),
    ("ethnicity", re.compile(r"(不招|谢绝|拒收)\s*(少数民族|" + _ZH + r"{1,3}族)")),
    ("ethnicity", re.compile(r"\bhan(\s+chinese)?\s+only\b|\bno\s+(ethnic\s+)?minorit(y|ies)\b")),
    # origin and household registration
    (
        "origin",
        re.compile(r"(限|仅限|只招|仅招|要求)\s*(本地|本市|本县|城镇|农村)?\s*(户口|户籍|人)"),
    ),
    ("origin", re.compile(r"(本地|本市|本县)(户口|户籍|人)\s*(优先|为主)?")),
    ("origin", re.compile(_ZH + r"{1,4}(人|籍|户口)\s*(勿扰|免谈|不招|不要)")),
    ("origin", re.compile(r"(不招|谢绝|拒收)\s*(外地|外省|外来|农村)")),
    ("origin", re.compile(r"\b(local\s+(hukou|household\s+registration|residents?)\s+only)\b")),
    ("origin", re.compile(r"\blocals?\s+only\b|\bno\s+(migrants|outsiders)\b")),
    ("origin", re.compile(r"\b(local\s+)?(hukou|household\s+registration)\s+required\b")),
    # marital and childbearing status
    ("marital", re.compile(r"未婚|已婚|已育|未育|婚育|单身|不(打算)?生育|无生育|怀孕|孕妇")),
    ("marital", re.compile(r"\b(unmarried|single\s+only|married\s+only|must\s+be\s+married)\b")),
    (
        "marital",
        re.compile(
            r"\b(no\s+pregnan\w*|not\s+pregnant|childless|no\s+plans?\s+to\s+have\s+children)\b"
        ),
    ),
    ("marital", re.compile(r"\b(already\s+had|have\s+had)\s+(a\s+)?child(ren)?\b")),
    # health
    ("health", re.compile(r"乙肝|大三阳|小三阳|携带者|艾滋|HIV|hbv|肝炎", re.IGNORECASE)),
    ("health", re.compile(r"\bhepatitis(\s+b)?\b|\bhbsag\b|\baids\b")),
]

_AGE_ZH_BOUND = re.compile(r"(\d{2})\s*(?:周岁|岁)\s*(以下|以内|之内|以上|及以上|以后)")
_AGE_ZH_RANGE = re.compile(r"(\d{2})\s*(?:岁|周岁)?\s*[-—~～至到]\s*(\d{2})\s*(?:周岁|岁)")
_AGE_ZH_WORD = re.compile(
    r"年龄\s*(?:要求|限制|在)?\s*[:：]?\s*(\d{2})\s*(?:周岁|岁)?\s*(以下|以内|以上)?"
)
_AGE_EN_BOUND = re.compile(r"\b(under|below|younger\s+than|over|above|older\s+than)\s+(\d{2})\b")
_AGE_EN_RANGE = re.compile(r"\bage[sd]?\s*(?:between\s*)?(\d{2})\s*(?:-|to|and)\s*(\d{2})\b")
_AGE_EN_RANGE2 = re.compile(r"\b(\d{2})\s*(?:-|to)\s*(\d{2})\s*(?:years?\s*old|y/?o)\b")

# Lower bounds the law justifies (minimum working age, adulthood) and upper bounds that
# reach the statutory retirement age.
_LAWFUL_MINIMUMS = (16, 18)
_RETIREMENT_AGE = 60


@dataclass(frozen=True)
class Problem:
    kind: str
    phrase: str

    @property
    def message(self) -> str:
        return str(
            _("Discriminatory requirement (%(kind)s): “%(phrase)s”. Remove it and publish again.")
            % {"kind": KINDS[self.kind], "phrase": self.phrase}
        )


def _age_problem(lower: int | None, upper: int | None) -> bool:
    if lower is not None and lower not in _LAWFUL_MINIMUMS and lower > 18:
        return True
    return upper is not None and upper < _RETIREMENT_AGE


def _age_problems(text: str) -> list[str]:
    found = []
    for m in _AGE_ZH_RANGE.finditer(text):
        if _age_problem(int(m[1]), int(m[2])):
            found.append(m[0])
    for m in _AGE_ZH_BOUND.finditer(text):
        age, bound = int(m[1]), m[2]
        upper = bound in ("以下", "以内", "之内")
        if _age_problem(None if upper else age, age if upper else None):
            found.append(m[0])
    for m in _AGE_ZH_WORD.finditer(text):
        upper_limit = m[2] in (None, "以下", "以内") and int(m[1]) < _RETIREMENT_AGE
        if upper_limit and not any(m[0] in f or f in m[0] for f in found):
            found.append(m[0])
    for m in _AGE_EN_BOUND.finditer(text):
        age = int(m[2])
        upper = m[1].split()[0] in ("under", "below", "younger")
        if _age_problem(None if upper else age, age if upper else None):
            found.append(m[0])
    for rx in (_AGE_EN_RANGE, _AGE_EN_RANGE2):
        for m in rx.finditer(text):
            if _age_problem(int(m[1]), int(m[2])):
                found.append(m[0])
    return found


def discrimination_problems(*texts: str) -> list[Problem]:
    """Every discriminatory requirement found in the texts, at most one per phrase."""
    text = normalise(" ".join(t for t in texts if t))
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            key = (kind, match[0].strip())
            inside_earlier = any(k == kind and key[1] in phrase for k, phrase in seen)
            if not inside_earlier:
                seen.add(key)
                problems.append(Problem(kind, match[0].strip()))
    for phrase in _age_problems(text):
        if ("age", phrase) not in seen:
            seen.add(("age", phrase))
            problems.append(Problem("age", phrase.strip()))
    return problems


DUPLICATE_SIMILARITY = 0.8


def title_similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, normalise(a), normalise(b)).ratio()


def find_near_duplicate(vacancy):
    """A live (or waiting) vacancy of the same employer with a near-identical title, the
    same place of work and an overlapping wage range; None if there is none."""
    from jiuye.vacancies.enums import VacancyStatus
    from jiuye.vacancies.models import Vacancy

    candidates = (
        Vacancy.objects.filter(
            employer_id=vacancy.employer_id,
            status__in=[VacancyStatus.LIVE, VacancyStatus.PENDING],
            region_id=vacancy.region_id,
            wage_min__lte=vacancy.wage_max,
            wage_max__gte=vacancy.wage_min,
        )
        .exclude(pk=vacancy.pk)
        .only("pk", "title")
        .order_by("pk")
    )
    for other in candidates:
        if title_similarity(other.title, vacancy.title) >= DUPLICATE_SIMILARITY:
            return other
    return None
