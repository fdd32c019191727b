"""Load version 1 of the ZRM and the C-toets as data."""

from django.db import migrations


def load_instruments(apps, schema_editor):
    from terugkeer.assessments.definitions import load

    load(apps)


def unload_instruments(apps, schema_editor):
    apps.get_model("assessments", "Instrument").objects.filter(
        code__in=["zrm", "c-toets"], version=1
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0001_initial"),
    ]

    operations = [migrations.RunPython(load_instruments, unload_instruments)]
