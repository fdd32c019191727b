"""Trigram indexes for the name search, on PostgreSQL only (issue 19).

The search matches every term anywhere in the surname, first names, prefix or initials
(``icontains``: ``UPPER(col) LIKE UPPER('%term%')``). On PostgreSQL a GIN index with
``gin_trgm_ops`` on ``UPPER(col)`` answers such a pattern without reading every client of the
organisation; four of them let the planner OR the four name fields (a BitmapOr).

SQLite has neither ``pg_trgm`` nor GIN: there the operations do nothing and the search keeps its
plan. The indexes are created by the schema editor, not declared in ``Meta.indexes``, so the
model state stays the same on every database (and SQLite's table rebuilds never meet them).
The extension's operation checks the vendor too (both ways); ``pg_trgm`` is a trusted extension
(PostgreSQL 13+), so the database owner may create it.
"""

import contextlib

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations
from django.db.models import OrderBy
from django.db.models.functions import Collate, Upper
from django.db.models.indexes import IndexExpression

NAME_FIELDS = ("surname", "first_names", "prefix", "initials")


def trigram_indexes() -> list[GinIndex]:
    return [
        GinIndex(OpClass(Upper(field), name="gin_trgm_ops"), name=f"client_{field}_trgm")
        for field in NAME_FIELDS
    ]


@contextlib.contextmanager
def opclass_wrapping():
    """Let ``OpClass`` wrap an index expression: ``(UPPER("surname")) gin_trgm_ops``.

    ``django.contrib.postgres`` registers this in its ``ready()``; the app is not installed (the
    project runs on SQLite too), so the migration registers it for its own statements only.
    """
    saved = IndexExpression.wrapper_classes
    IndexExpression.register_wrappers(OrderBy, OpClass, Collate)
    try:
        yield
    finally:
        IndexExpression.wrapper_classes = saved


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    client = apps.get_model("clients", "Client")
    with opclass_wrapping():
        for index in trigram_indexes():
            schema_editor.add_index(client, index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    client = apps.get_model("clients", "Client")
    for index in trigram_indexes():
        schema_editor.remove_index(client, index)


class PostgresTrigramExtension(TrigramExtension):
    """``TrigramExtension`` skips other databases going forwards but not backwards (it would ask
    SQLite for ``pg_extension``): the vendor check both ways."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("clients", "0001_initial")]

    operations = [
        PostgresTrigramExtension(),
        migrations.RunPython(add_indexes, remove_indexes, elidable=False),
    ]
