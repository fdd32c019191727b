from django.db import migrations, models
from django.db.models import Count, Q


def refuse_existing_duplicates(apps, schema_editor):
    """Name the clients with two open trajectories in one programme instead of a bare error."""
    Trajectory = apps.get_model("cases", "Trajectory")
    duplicates = list(
        Trajectory.objects.exclude(status="afgesloten")
        .values("client_id", "programme")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("client_id", "programme")[:20]
    )
    if duplicates:
        raise RuntimeError(
            "Close or merge the extra open trajectories of these (client id, programme) pairs "
            f"before migrating: {duplicates}"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_add_trajectory_worklist_index"),
    ]

    operations = [
        migrations.RunPython(refuse_existing_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="trajectory",
            constraint=models.UniqueConstraint(
                condition=~Q(status="afgesloten"),
                fields=("client", "programme"),
                name="one_open_trajectory_per_client_and_programme",
                violation_error_message="Deze cliënt heeft al een lopend traject in dit programma.",
            ),
        ),
    ]
