import pytest

from jiuye.lib.chinese_text import (
    ngrams,
    normalise_text,
    pinyin_full,
    pinyin_initials,
    pinyin_keys,
)


def test_pinyin_keys_let_full_pinyin_and_initials_find_the_characters():
    keys = pinyin_keys("厨师")
    assert keys == "chushi cs"
    for typed in ("chushi", "chu", "cs"):
        assert typed in keys


def test_pinyin_has_no_tones_and_ignores_width_and_spaces():
    assert pinyin_full("叉车 司机") == "chachesiji"
    assert pinyin_initials("叉车司机") == "ccsj"
    assert pinyin_keys("ＡＢ厨师") == "abchushi acs"


def test_pinyin_keys_of_text_without_chinese_are_the_text_once():
    assert pinyin_keys("cnc") == "cnc"
    assert pinyin_keys("") == ""
    assert pinyin_keys(None) == ""


def test_normalise_text_folds_full_width_lowercases_and_drops_spaces():
    assert normalise_text("　ＣＮＣ 操机\t工 ") == "cnc操机工"
    assert normalise_text("５０００元") == "5000元"


def test_ngrams_overlap_and_short_texts_give_themselves():
    assert ngrams("厨师长", 2) == ["厨师", "师长"]
    assert ngrams("厨师长", 1) == ["厨", "师", "长"]
    assert ngrams("厨", 2) == ["厨"]
    assert ngrams("", 2) == []


def test_ngrams_rejects_a_size_below_one():
    with pytest.raises(ValueError):
        ngrams("厨师", 0)
