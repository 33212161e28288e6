"""The queue triggers queue each subject once per statement (`SELECT DISTINCT`): an import's
COPY of memberships, 2.2 a person, queued each person 2.2 times. About a quarter fewer
queued changes for an imported ledger (docs/benchmarks-ledger.md, run 6)."""

from django.db import migrations

from jiuye.stats.tally import replace_trigger_functions


class Migration(migrations.Migration):
    dependencies = [("stats", "0015_platform_tally_by_village")]

    operations = [migrations.RunPython(replace_trigger_functions, migrations.RunPython.noop)]
