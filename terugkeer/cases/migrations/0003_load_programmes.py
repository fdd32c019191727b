from django.db import migrations

from terugkeer.cases.programmes import PROGRAMMES


def load(apps, schema_editor):
    Programme = apps.get_model("cases", "ProgrammeDefinition")
    Domain = apps.get_model("cases", "Domain")
    for code, (name, domains) in PROGRAMMES.items():
        programme, _ = Programme.objects.get_or_create(code=code, defaults={"name": name})
        for order, (domain_code, domain_name, help_text) in enumerate(domains, start=1):
            Domain.objects.get_or_create(
                programme=programme,
                code=domain_code,
                defaults={"name": domain_name, "order": order, "help_text": help_text},
            )


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_trajectory_workflow_dossier_plan")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
