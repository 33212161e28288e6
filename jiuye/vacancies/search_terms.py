"""The job board's term postings: an inverted index of live vacancies' titles, kept in the
table `VacancyTerm` and indexed by (term, rank, posted_on, vacancy), so that the newest
vacancies of one relevance rank for one term are one index range, read in board order.

A GIN index finds every match of a common word (8,000 vacancies say 厨师 across a city) but
cannot order them, so PostgreSQL had to fetch them all before the top 20 were known. The
postings hold, for each live vacancy, its title's Chinese character pairs (中餐厨师 -> 中餐
餐厨 厨师), their pinyin (zhongcan canchu chushi), the title's full pinyin and initials
(zhongcanchushi zccs), its Latin words and the pairs of its occupation's name, each with
the relevance that term gets as a query (`term_rank`, the rule the board's SQL applies) and
copies of the fields the board filters on.

Rows exist only while the vacancy is live: `sync_vacancy_terms` runs on every status change,
edit and re-confirmation in `vacancies.services`, `verify_employer` rewrites an employer's,
and whatever loads live vacancies in bulk (demo, factories, bench) writes them too
(`rebuild_vacancy_terms`, or the command `index_vacancy_terms`).
"""

import itertools
import re
from collections.abc import Iterable

from django.db import transaction

from jiuye.vacancies.models import POSTING_FILTER_FIELDS
from jiuye.vacancies.search_text import cjk_bigrams, normalise, pinyin_bigrams
from jiuye.vacancies.search_text import pinyin_keys as title_pinyin_keys

PINYIN_TERM = re.compile(r"^[a-z]+$")
CJK_TERM = re.compile(r"^[\u3400-\u9fff]{2,}$")
_LATIN_WORD = re.compile(r"[a-z]+")
MAX_TERM_LENGTH = 40
# Every live vacancy holds `*`, and `*` with its city's, county's and township's code, so that
# the board counts the vacancies of an area from the postings' covering index.
EVERY_VACANCY = "*"

# Relevance ranks, highest first. A Chinese term: starting the title, inside it, elsewhere
# (the occupation's name, from postings; the employer's, from the employers table). A
# pinyin term: starting the pinyin keys, starting a later key (the title's initials, the
# occupation's pinyin), elsewhere in the title's pinyin.
CJK_RANKS = (3, 1, 0)
PINYIN_RANKS = (3, 2, 0)

# Toneless pinyin syllables (pypinyin's dictionary without the interjections m, n, ng, hm,
# hng), to split a typed word such as `kuaidiyuan` into kuai di yuan.
_SYLLABLE_TEXT = """
    a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo
    bong bu ca cai can cang cao ce cei cen ceng cha chai chan chang chao che chen cheng
    chi chong chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui
    cun cuo da dai dan dang dao de dei den deng di dia dian diao die din ding diu dong
    dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fiao fo fou fu ga
    gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai
    han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian
    jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken
    keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei len leng
    li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo lv lve ma mai
    man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang
    nao ne nei nen neng ni nia nian niang niao nie nin ning niu nong nou nu nuan nun nuo
    nv nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi
    qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng
    ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan
    shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo
    si song sou su suan sui sun suo ta tai tan tang tao te tei teng ti tian tiao tie
    ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wong wu xi xia
    xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin
    ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan
    zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun
    zhuo zi zong zou zu zuan zui zun zuo
"""
SYLLABLES = frozenset(_SYLLABLE_TEXT.split())


def term_rank(term: str, *, title: str, pinyin_keys: str) -> int:
    """The relevance of a vacancy for a one-term query, as the board's SQL ranks it."""
    if PINYIN_TERM.match(term):
        if pinyin_keys.startswith(term):
            return 3
        return 2 if f" {term}" in pinyin_keys else 0
    if title.startswith(term):
        return 3
    return 1 if term in title else 0


def area_terms(region_code: str) -> list[str]:
    """`*`, `*4512`, `*451228`, `*451228100`: the terms every live vacancy of the platform,
    of its city, county and township holds, to count them."""
    return [EVERY_VACANCY + region_code[:n] for n in (0, 4, 6, 9) if len(region_code) >= n]


def vacancy_terms(
    *, title: str, pinyin_keys: str, occupation_name: str = "", region_code: str = ""
) -> dict[str, int]:
    """Every posting term of a vacancy, with its rank: the title's terms, the character
    pairs of its occupation's name that the title lacks (rank 0), and its area terms."""
    text = normalise(title)
    terms = {g for g in cjk_bigrams(text) if len(g) == 2}
    terms.update(pinyin_bigrams(text))
    terms.update(title_pinyin_keys(title).split())
    terms.update(_LATIN_WORD.findall(text))
    terms.update(g for g in cjk_bigrams(normalise(occupation_name)) if len(g) == 2)
    ranked = {
        term: term_rank(term, title=title, pinyin_keys=pinyin_keys)
        for term in terms
        if 2 <= len(term) <= MAX_TERM_LENGTH
    }
    return {**ranked, **dict.fromkeys(area_terms(region_code), 0)}


def occupation_names(codes: Iterable[str]) -> dict[str, str]:
    """The name of each occupation code (the most detailed level's, as `search_text` has)."""
    from jiuye.occupations.models import Occupation

    names: dict[str, str] = {}
    rows = Occupation.objects.filter(code__in=set(codes)).order_by("code", "level")
    for code, name in rows.values_list("code", "name"):
        names[code] = name
    return names


def split_syllables(word: str) -> list[str] | None:
    """`kuaidiyuan` -> [kuai, di, yuan], preferring long syllables; None when the word is
    not pinyin (initials such as `cs`, Latin words such as `cnc`)."""
    tails: dict[int, list[str]] = {len(word): []}
    for start in range(len(word) - 1, -1, -1):
        for end in range(min(len(word), start + 6), start, -1):
            if end in tails and word[start:end] in SYLLABLES:
                tails[start] = [word[start:end], *tails[end]]
                break
    return tails.get(0)


def driving_term(term: str) -> tuple[str, bool] | None:
    """The posting term through which every title match of a query term is found, and
    whether it is the query term itself (then its postings are exactly the matches, with
    their ranks). None when postings cannot serve the term (one character, one syllable,
    mixed text): the board then searches the text as before.

    A Chinese term goes through its first character pair; a pinyin word of two or more
    syllables through the pinyin of its first two (a title whose pinyin holds the word
    holds that pair); a word that is not pinyin (initials, Latin) through itself."""
    if CJK_TERM.match(term):
        return term[:2], len(term) == 2
    if PINYIN_TERM.match(term) and 2 <= len(term) <= MAX_TERM_LENGTH:
        syllables = split_syllables(term)
        if syllables is None:
            return term, True
        if len(syllables) >= 2:
            head = syllables[0] + syllables[1]
            return head, head == term
    return None


# The vacancy's fields a posting carries: its date and the board's filters.
PAYLOAD = ("posted_on", *POSTING_FILTER_FIELDS)


def _rows(vacancy, occupation_name: str) -> list:
    from jiuye.vacancies.models import VacancyTerm

    payload = {name: getattr(vacancy, name) for name in PAYLOAD}
    terms = vacancy_terms(
        title=vacancy.title,
        pinyin_keys=vacancy.pinyin_keys,
        occupation_name=occupation_name,
        region_code=vacancy.region_id,
    )
    return [
        VacancyTerm(vacancy_id=vacancy.pk, term=term, rank=rank, **payload)
        for term, rank in sorted(terms.items())
    ]


def _is_indexed(vacancy) -> bool:
    from jiuye.employers.enums import EmployerStatus
    from jiuye.vacancies.enums import VacancyStatus

    return (
        vacancy.status == VacancyStatus.LIVE
        and vacancy.posted_on is not None
        and vacancy.employer.status == EmployerStatus.VERIFIED
    )


@transaction.atomic
def sync_vacancy_terms(vacancy) -> None:
    """Rewrite one vacancy's postings: its terms while it is live, none otherwise."""
    from jiuye.vacancies.models import VacancyTerm

    VacancyTerm.objects.filter(vacancy_id=vacancy.pk).delete()
    if _is_indexed(vacancy):
        name = occupation_names([vacancy.occupation_code]).get(vacancy.occupation_code, "")
        VacancyTerm.objects.bulk_create(_rows(vacancy, name))


@transaction.atomic
def rebuild_vacancy_terms(vacancies: Iterable | None = None, *, batch_size: int = 5000) -> int:
    """Rewrite the postings of the given vacancies (default: all, from scratch); returns
    the number of postings written. Idempotent."""
    from jiuye.vacancies.enums import VacancyStatus
    from jiuye.vacancies.models import Vacancy, VacancyTerm

    if vacancies is None:
        VacancyTerm.objects.all().delete()
        vacancies = (
            Vacancy.objects.filter(status=VacancyStatus.LIVE)
            .select_related("employer")
            .only("pk", "title", "pinyin_keys", "status", "region", "employer__status", *PAYLOAD)
            .order_by("pk")
            .iterator(chunk_size=batch_size)
        )
    else:
        vacancies = list(vacancies)
        VacancyTerm.objects.filter(vacancy_id__in=[v.pk for v in vacancies]).delete()
    written = 0
    batch: list = []
    names = occupation_names(Vacancy.objects.values_list("occupation_code", flat=True).distinct())
    for vacancy in vacancies:
        if _is_indexed(vacancy):
            batch.extend(_rows(vacancy, names.get(vacancy.occupation_code, "")))
        if len(batch) >= batch_size:
            written += len(VacancyTerm.objects.bulk_create(batch))
            batch = []
    written += len(VacancyTerm.objects.bulk_create(batch))
    return written


def term_pairs(term: str) -> list[str]:
    """The posting terms a title holding the term holds: its character pairs (服务员 -> 服务
    务员), or the pinyin of its syllable pairs (kuaidiyuan -> kuaidi diyuan)."""
    if PINYIN_TERM.match(term):
        syllables = split_syllables(term) or [term]
        if len(syllables) == 1:
            return [term]
        return sorted({a + b for a, b in itertools.pairwise(syllables)})
    return sorted(set(cjk_bigrams(term)))
