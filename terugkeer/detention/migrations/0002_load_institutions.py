from django.db import migrations

from terugkeer.detention.institutions import INSTITUTIONS


def load(apps, schema_editor):
    Institution = apps.get_model("detention", "PenitentiaryInstitution")
    for name, place in INSTITUTIONS:
        Institution.objects.get_or_create(name=name, defaults={"place": place})


class Migration(migrations.Migration):
    dependencies = [("detention", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
