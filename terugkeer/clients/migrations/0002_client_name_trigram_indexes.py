"""Trigram indexes for the name search, on PostgreSQL only (issue 19).

The search matches every term anywhere in the surname, first names, prefix or initials
(``icontains``: ``UPPER(col) LIKE UPPER('%term%')``). On PostgreSQL a GIN index with
``gin_trgm_ops`` on ``UPPER(col)`` answers such a pattern without reading every client of the
organisation; four of them let the planner OR the four name fields (a BitmapOr).

SQLite has neither ``pg_trgm`` nor GIN: there the operations do nothing and the search keeps its
plan. The indexes are created by the schema editor, not declared in ``Meta.indexes``, so the
model state stays the same on every database (and SQLite's table rebuilds never meet them).
``TrigramExtension`` is itself a no-op outside PostgreSQL; ``pg_trgm`` is a trusted extension
(PostgreSQL 13+), so the database owner may create it.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations
from django.db.models.functions import Upper

NAME_FIELDS = ("surname", "first_names", "prefix", "initials")


def trigram_indexes() -> list[GinIndex]:
    return [
        GinIndex(OpClass(Upper(field), name="gin_trgm_ops"), name=f"client_{field}_trgm")
        for field in NAME_FIELDS
    ]


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    client = apps.get_model("clients", "Client")
    for index in trigram_indexes():
        schema_editor.add_index(client, index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    client = apps.get_model("clients", "Client")
    for index in trigram_indexes():
        schema_editor.remove_index(client, index)


class Migration(migrations.Migration):
    dependencies = [("clients", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(add_indexes, remove_indexes, elidable=False),
    ]
