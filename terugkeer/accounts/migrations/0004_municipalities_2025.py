"""Load all Dutch municipalities of 1 January 2025 (CBS) as reference data."""

from django.db import migrations


def load(apps, schema_editor):
    from terugkeer.accounts.municipality_reference import load_reference

    load_reference(apps.get_model("accounts", "Municipality"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_municipality_province_is_active"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
