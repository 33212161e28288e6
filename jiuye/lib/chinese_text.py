"""Chinese text helpers shared by the job-title coder, the job board and ledger search.

Chinese has no spaces, so search and matching work on normalised characters and their
n-grams; pinyin keys let people type `chushi` or `cs` and still find 厨师.
"""

import functools
import re
import unicodedata

from pypinyin import Style, lazy_pinyin

_HAN = re.compile(r"[\u3400-\u9fff]")


def normalise_text(text: object) -> str:
    """NFKC (full-width letters and digits to half-width), lowercase, no whitespace."""
    value = unicodedata.normalize("NFKC", str(text or "")).lower()
    return "".join(value.split())


def ngrams(text: str, n: int) -> list[str]:
    """Overlapping character n-grams; a text shorter than n gives itself (if not empty)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    if len(text) <= n:
        return [text] if text else []
    return [text[i : i + n] for i in range(len(text) - n + 1)]


@functools.lru_cache(maxsize=65536)
def _syllables(text: str) -> tuple[str, ...]:
    # errors="default" keeps non-Chinese runs (letters, digits) as they are
    return tuple(lazy_pinyin(text, style=Style.NORMAL, errors="default"))


def pinyin_full(text: object) -> str:
    """Full pinyin without tones, joined: 厨师 -> `chushi`."""
    return "".join(_syllables(normalise_text(text)))


def pinyin_initials(text: object) -> str:
    """First letter of each syllable: 厨师 -> `cs`; non-Chinese runs keep their first char."""
    return "".join(s[0] for s in _syllables(normalise_text(text)) if s)


def pinyin_keys(text: object) -> str:
    """Search keys for a text: full pinyin and initials, space separated (`chushi cs`), so a
    substring search for `chushi`, `chu` or `cs` finds 厨师. Empty for an empty text."""
    full = pinyin_full(text)
    if not full or not _HAN.search(normalise_text(text)):
        return full
    initials = pinyin_initials(text)
    return full if initials == full else f"{full} {initials}"
