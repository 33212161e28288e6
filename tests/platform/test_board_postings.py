"""The job board's keyword postings (vacancies.search_terms): the results they give are the
text search's, in the same order (relevance, then newest), on every page; they follow every
change of a vacancy; and the page says how many vacancies match."""

import datetime
import random

import pytest
from django.urls import reverse
from django.utils import timezone

from jiuye.employers.services import verify_employer
from jiuye.vacancies import selectors
from jiuye.vacancies.enums import VacancyStatus
from jiuye.vacancies.models import VacancyTerm
from jiuye.vacancies.search_terms import (
    driving_term,
    rebuild_vacancy_terms,
    split_syllables,
    term_pairs,
    vacancy_terms,
)
from jiuye.vacancies.selectors import BoardQuery, search_board
from jiuye.vacancies.services import (
    close_vacancy,
    confirm_vacancy,
    expire_vacancies,
    update_vacancy,
)
from tests.factories import UserFactory
from tests.platform.factories import VacancyFactory, VerifiedEmployerFactory

TITLES = [
    "厨师",
    "中餐厨师",
    "厨师长",
    "后厨帮厨",
    "服务员",
    "餐厅服务员",
    "服务员领班",
    "客房服务",
    "快递员",
    "城市快递员",
    "快递员助理",
    "快递派送员",
    "保安",
    "CNC操机员",
]


@pytest.fixture
def city(regions):
    """About 60 vacancies of these titles, posted over three weeks in two counties, from
    employers one of whose names holds 厨师 and 服务员 (matches outside the title)."""
    rng = random.Random(4512)
    today = timezone.localdate()
    employers = [VerifiedEmployerFactory() for _ in range(3)]
    employers.append(VerifiedEmployerFactory(name="厨师之家服务员培训有限公司"))
    places = [regions["township"], regions["other_township"], regions["far_township"]]
    for index in range(60):
        VacancyFactory(
            title=TITLES[index % len(TITLES)],
            employer=rng.choice(employers),
            region_id=rng.choice(places),
            posted_on=today - datetime.timedelta(days=rng.randint(0, 20)),
            wage_max=rng.choice([3000, 4500, 6000]),
            wage_min=2000,
        )
    return regions


def _expected(term: str, *, area: str = "", min_wage: int = 0) -> list[int]:
    """The board's rule for one Chinese word, computed here from the rows themselves:
    matches hold it in the title, occupation or employer name; the title starting with it
    ranks 3, holding it 1, else 0; newest first, then the higher id."""
    from jiuye.vacancies.models import Vacancy

    rows = []
    for vacancy in Vacancy.objects.public().filter(region__code__startswith=area):
        if term in vacancy.search_text and vacancy.wage_max >= min_wage:
            rank = 3 if vacancy.title.startswith(term) else 1 if term in vacancy.title else 0
            rows.append((rank, vacancy.posted_on, vacancy.pk))
    return [pk for *_key, pk in sorted(rows, reverse=True)]


def _all_pages(query: BoardQuery) -> list[int]:
    found, page = [], 1
    while True:
        query.page = page
        result = search_board(query)
        found += [v.pk for v in result.vacancies]
        if not result.has_next:
            return found
        page += 1


@pytest.mark.parametrize("term", ["厨师", "服务员", "快递员", "城市快递员", "服务", "培训"])
def test_postings_give_the_text_searchs_matches_in_board_order(city, monkeypatch, term):
    monkeypatch.setattr(selectors, "PAGE_SIZE", 4)  # pages cross the rank tiers
    assert _all_pages(BoardQuery(q=term)) == _expected(term)
    county = city["county"]
    assert _all_pages(BoardQuery(q=term, area=county)) == _expected(term, area=county)
    wage = _all_pages(BoardQuery(q=term, area=city["city"], min_wage=4500))
    assert wage == _expected(term, area=city["city"], min_wage=4500)


def test_total_is_exact_for_a_pair_and_about_for_a_longer_word(city):
    result = search_board(BoardQuery(q="厨师"))
    assert result.total == len(_expected("厨师")) and result.total_exact
    longer = search_board(BoardQuery(q="快递员"))
    assert not longer.total_exact and longer.total >= len(_expected("快递员"))


def test_pinyin_words_find_titles_by_whole_syllables(city):
    def titles(q: str) -> set[str]:
        return {v.title for v in search_board(BoardQuery(q=q)).vacancies}

    assert titles("chushi") == {"厨师", "中餐厨师", "厨师长"}
    assert titles("kuaidiyuan") == {"快递员", "城市快递员", "快递员助理"}
    assert titles("cnc") == {"CNC操机员"}
    first = search_board(BoardQuery(q="chushi")).vacancies[0]
    assert first.title in ("厨师", "厨师长")  # the pinyin starts with the word
    assert "中餐厨师" not in {v.title for v in search_board(BoardQuery(q="cs")).vacancies}


def test_pinyin_is_split_into_syllables_to_find_its_first_pair():
    assert split_syllables("kuaidiyuan") == ["kuai", "di", "yuan"]
    assert split_syllables("cs") is None
    assert driving_term("kuaidiyuan") == ("kuaidi", False)
    assert driving_term("chushi") == ("chushi", True)
    assert driving_term("cs") == ("cs", True)
    assert driving_term("chu") is None and driving_term("厨") is None
    assert driving_term("服务员") == ("服务", False)
    assert term_pairs("服务员") == ["务员", "服务"]
    assert term_pairs("kuaidiyuan") == ["diyuan", "kuaidi"]


def test_posting_ranks_follow_the_boards_rule():
    terms = vacancy_terms(title="中餐厨师", pinyin_keys="zhongcanchushi zccs")
    assert terms["中餐"] == 3 and terms["厨师"] == 1
    assert terms["zhongcan"] == 3 and terms["zccs"] == 2 and terms["chushi"] == 0


def test_postings_follow_edits_status_changes_and_the_employer(regions):
    staff = UserFactory(role="county_officer", region_id=regions["county"])
    vacancy = VacancyFactory(title="厨师")
    held = set(VacancyTerm.objects.filter(vacancy=vacancy).values_list("term", flat=True))
    assert {"厨师", "chushi", "cs"} <= held

    update_vacancy(vacancy=vacancy, by=staff, title="保安", wage_max=5000)
    assert search_board(BoardQuery(q="厨师")).vacancies == []
    assert search_board(BoardQuery(q="baoan", min_wage=5000)).vacancies == [vacancy]

    later = timezone.now() + datetime.timedelta(days=31)
    assert expire_vacancies(now=later) == 1
    assert not VacancyTerm.objects.filter(vacancy=vacancy).exists()
    confirm_vacancy(vacancy=vacancy, by=staff)
    assert search_board(BoardQuery(q="baoan")).vacancies == [vacancy]

    verify_employer(employer=vacancy.employer, by=staff, approve=False)
    assert not VacancyTerm.objects.filter(vacancy=vacancy).exists()
    verify_employer(employer=vacancy.employer, by=staff)
    assert search_board(BoardQuery(q="baoan")).vacancies == [vacancy]

    close_vacancy(vacancy=vacancy, by=staff)
    assert not VacancyTerm.objects.filter(vacancy=vacancy).exists()


def test_rebuilding_postings_is_idempotent(city):
    before = VacancyTerm.objects.count()
    assert rebuild_vacancy_terms() == before
    assert rebuild_vacancy_terms() == before
    VacancyFactory(title="保安", status=VacancyStatus.DRAFT, posted_on=None, confirmed_at=None)
    assert rebuild_vacancy_terms() == before


def test_board_page_says_how_many_match(client, city):
    response = client.get(reverse("platform:board"), {"q": "厨师"}, HTTP_ACCEPT_LANGUAGE="en")
    assert f"{len(_expected('厨师'))} vacancies" in response.text
    about = client.get(reverse("platform:board"), {"q": "快递员"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "About " in about.text
    chinese = client.get(reverse("platform:board"), {"q": "厨师"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert f"共 {len(_expected('厨师'))} 个岗位" in chinese.text


def test_area_counts_come_exact_from_the_postings(city):
    from jiuye.vacancies.models import Vacancy

    for area in ("", city["city"], city["county"], city["township"], city["village"]):
        expected = Vacancy.objects.public().filter(region__code__startswith=area)
        result = search_board(BoardQuery(area=area, min_wage=4500))
        assert result.total == expected.filter(wage_max__gte=4500).count(), area
        assert result.total_exact
    near = search_board(BoardQuery(near=city["township"]))
    assert near.total == Vacancy.objects.public().filter(county_code__startswith="4512").count()


def test_index_command_rebuilds_lost_postings(city):
    from io import StringIO

    from django.core.management import call_command

    before = VacancyTerm.objects.count()
    VacancyTerm.objects.filter(term="厨师").delete()
    out = StringIO()
    call_command("index_vacancy_terms", stdout=out)
    assert out.getvalue().strip() == f"wrote {before} postings"
    assert search_board(BoardQuery(q="厨师")).total == len(_expected("厨师"))
