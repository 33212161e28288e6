from io import StringIO

import pytest
from django.core.management import call_command

from jiuye.accounts.models import AuditEvent
from jiuye.lib import crypto
from jiuye.people.models import Person
from tests.factories import PersonFactory


@pytest.fixture
def rotated_keys(settings):
    """Prepend a new key, as the operator's guide says, and forget the cached ciphers."""
    old = list(settings.JIUYE_ID_KEYS)
    crypto._ciphers.cache_clear()

    def rotate():
        settings.JIUYE_ID_KEYS = [crypto.generate_key(), *old]
        crypto._ciphers.cache_clear()

    yield rotate
    settings.JIUYE_ID_KEYS = old
    crypto._ciphers.cache_clear()


def test_values_written_before_a_rotation_still_decrypt(rotated_keys):
    token = crypto.encrypt("451228200303140022")
    rotated_keys()
    assert crypto.decrypt(token) == "451228200303140022"
    assert not crypto.is_under_newest_key(token)
    assert crypto.is_under_newest_key(crypto.encrypt("x"))


def test_reencrypt_command_is_a_dry_run_unless_asked(regions, rotated_keys):
    people = [PersonFactory(region_id=regions["township"]) for _ in range(3)]
    numbers = {p.pk: p.reveal_id_number() for p in people}
    rotated_keys()
    out = StringIO()
    call_command("reencrypt_id_numbers", stdout=out)
    assert "3 under an older key" in out.getvalue()
    call_command("reencrypt_id_numbers", "--wet-run", "--batch-size", "2", stdout=out)
    assert "ID numbers: 3 re-encrypted" in out.getvalue()
    for person in Person.objects.all():
        assert crypto.is_under_newest_key(person.id_number_encrypted)
        assert person.reveal_id_number() == numbers[person.pk]
    assert AuditEvent.objects.get(action="id_numbers.reencrypt").changes == {"re-encrypted": 3}
    out = StringIO()
    call_command("reencrypt_id_numbers", "--wet-run", stdout=out)
    assert "ID numbers: 0 re-encrypted" in out.getvalue()
