import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with the data version at its migrated value (the transaction is
    rolled back), so figures kept by an earlier test must not be served to the next."""
    cache.clear()
    yield
    cache.clear()
