"""Checks over every template file that no linter makes: mistakes that render as page text."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template

import jiuye

TEMPLATES = sorted(Path(jiuye.__file__).parent.glob("**/templates/**/*.html"))
# Django's {# ... #} comment ends on its own line; one left open is printed on the page.
UNCLOSED_COMMENT = re.compile(r"\{#(?!.*#\})")


def unclosed_comments(text: str) -> list[int]:
    return [n for n, line in enumerate(text.splitlines(), 1) if UNCLOSED_COMMENT.search(line)]


def test_there_are_templates_to_check():
    assert len(TEMPLATES) > 50


def test_an_unclosed_one_line_comment_is_found():
    assert unclosed_comments("<p>\n  {# spans\n  two lines #}\n</p>") == [2]
    assert unclosed_comments("<p>{# fine #}</p>") == []


def test_no_template_has_a_one_line_comment_spanning_lines():
    found = {
        str(path.relative_to(Path(jiuye.__file__).parent)): lines
        for path in TEMPLATES
        if (lines := unclosed_comments(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "use {% comment %} for comments over several lines"


def test_a_variable_missing_from_the_context_fails_the_render_in_tests():
    with pytest.raises(NameError, match="persn"):
        Template("{{ persn.name }}").render(Context({"person": {"name": "韦大山"}}))
    assert Template("{% if persn %}x{% endif %}").render(Context({})) == ""
