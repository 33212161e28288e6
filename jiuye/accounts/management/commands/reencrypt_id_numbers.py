"""Re-encrypt stored ID numbers with the newest key of JIUYE_ID_KEYS (after a key rotation).

Dry run unless `--wet-run`: it counts what is still under an older key. Safe to stop and run
again: each batch is its own transaction and rows already under the newest key are skipped.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from jiuye.accounts.audit import record_event
from jiuye.lib import crypto
from jiuye.people.models import Person


class Command(BaseCommand):
    help = "Re-encrypt ID numbers with the newest key in JIUYE_ID_KEYS (dry run by default)."

    def add_arguments(self, parser):
        parser.add_argument("--wet-run", action="store_true", help="write the changes")
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, wet_run: bool, batch_size: int, **options):
        stale = changed = 0
        last_pk = 0
        while True:
            with transaction.atomic():
                batch = list(
                    Person.objects.filter(pk__gt=last_pk)
                    .order_by("pk")
                    .only("pk", "id_number_encrypted")[:batch_size]
                )
                if not batch:
                    break
                last_pk = batch[-1].pk
                old = [p for p in batch if not crypto.is_under_newest_key(p.id_number_encrypted)]
                stale += len(old)
                if wet_run and old:
                    for person in old:
                        plain = crypto.decrypt(person.id_number_encrypted)
                        person.id_number_encrypted = crypto.encrypt(plain)
                    Person.objects.bulk_update(old, ["id_number_encrypted"])
                    changed += len(old)
        if wet_run and changed:
            record_event(
                actor=None, action="id_numbers.reencrypt", changes={"re-encrypted": changed}
            )
        verb = "re-encrypted" if wet_run else "under an older key (dry run; --wet-run to write)"
        self.stdout.write(f"ID numbers: {changed if wet_run else stale} {verb}")
