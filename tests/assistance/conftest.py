import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():
    """Service messages are matched in English; pages are tested in both languages."""
    with translation.override("en"):
        yield
