"""The text a vacancy is searched by: normalised characters plus pinyin keys.

Pinyin keys come from `jiuye.lib.chinese_text.pinyin_keys` (full toneless pinyin followed by
the initials: 厨师 -> "chushi cs"); until that module exists a local pypinyin fallback with
the same output shape is used.
"""

import re
import unicodedata

_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")


def normalise(text: str) -> str:
    """NFKC (full-width to half-width), lower case, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text or "").lower().split())


def _fallback_pinyin_keys(text: str) -> str:
    from pypinyin import Style, lazy_pinyin

    syllables = [s for s in lazy_pinyin(text, style=Style.NORMAL, errors="ignore") if s.strip()]
    syllables = [s.lower() for s in syllables if s.isascii() and s.isalnum()]
    if not syllables:
        return ""
    return "".join(syllables) + " " + "".join(s[0] for s in syllables)


def pinyin_keys(text: str) -> str:
    try:
        from jiuye.lib.chinese_text import pinyin_keys as shared_pinyin_keys
    except ImportError:
        return _fallback_pinyin_keys(text)
    return shared_pinyin_keys(text)


def cjk_bigrams(text: str) -> list[str]:
    """Overlapping character pairs of each run of Chinese characters, in order (a run of
    one character is kept whole): 中餐厨师 -> 中餐 餐厨 厨师."""
    grams = []
    for run in _CJK_RUN.findall(text):
        grams.extend([run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)])
    return grams


def pinyin_bigrams(text: str) -> list[str]:
    """The toneless pinyin of each Chinese bigram: 中餐厨师 -> zhongcan canchu chushi, so
    that a pinyin query finds a word inside a longer title by token prefix."""
    from pypinyin import Style, lazy_pinyin

    tokens = []
    for run in _CJK_RUN.findall(text):
        syllables = lazy_pinyin(run, style=Style.NORMAL)
        if len(syllables) != len(run):
            continue
        tokens.extend(syllables[i] + syllables[i + 1] for i in range(len(run) - 1))
    return tokens


def area_tokens(region_code: str) -> list[str]:
    """`a4512 a451228 a451228100`: the city, county and township of a place of work, so a
    keyword and an area meet in one index lookup."""
    return [f"a{region_code[:n]}" for n in (4, 6, 9) if len(region_code) >= n]


def search_grams(text: str, pinyin: str = "", *, title: str = "", region_code: str = "") -> str:
    """Index tokens: Chinese bigrams, Latin words, the pinyin keys, the pinyin of the
    title's bigrams and the area, space-separated. On PostgreSQL a GIN index over
    `to_tsvector('simple', ...)` of this finds a Chinese term of two or more characters as a
    phrase of its bigrams (trigrams cannot serve two characters), pinyin by token prefix,
    and the area in the same lookup."""
    text = normalise(text)
    tokens = cjk_bigrams(text) + _ASCII_WORD.findall(text) + pinyin.split()
    return " ".join(tokens + pinyin_bigrams(normalise(title)) + area_tokens(region_code))


def vacancy_search_fields(
    *, title: str, employer_name: str, occupation_name: str = "", region_code: str = ""
) -> dict:
    words = [w for w in (title, occupation_name, employer_name) if w]
    keys = " ".join(pinyin_keys(normalise(w)) for w in (title, occupation_name) if w)[:300]
    return {
        "search_text": normalise(" ".join(words))[:500],
        "search_grams": search_grams(" ".join(words), keys, title=title, region_code=region_code),
        "pinyin_keys": keys,
    }
