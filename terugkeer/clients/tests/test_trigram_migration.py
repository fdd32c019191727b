"""The name search's trigram indexes: on PostgreSQL only; on SQLite the migration is a no-op."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

MIGRATION = "0002_client_name_trigram_indexes"
TRIGRAM_INDEXES = {
    "client_surname_trgm",
    "client_first_names_trgm",
    "client_prefix_trgm",
    "client_initials_trgm",
}


def _client_indexes() -> dict:
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, "clients_client")


@pytest.mark.django_db
def test_the_trigram_migration_is_applied_on_every_database():
    applied = MigrationRecorder(connection).applied_migrations()
    assert ("clients", MIGRATION) in applied


@pytest.mark.django_db
def test_trigram_indexes_on_postgresql_and_none_on_sqlite():
    indexes = _client_indexes()
    if connection.vendor == "postgresql":
        assert set(indexes) >= TRIGRAM_INDEXES
        assert {indexes[name]["type"] for name in TRIGRAM_INDEXES} == {"gin"}
    else:
        # SQLite: the client table has exactly the indexes of the model (no GIN, no extension).
        assert not TRIGRAM_INDEXES & set(indexes)


@pytest.mark.django_db
def test_running_the_migration_again_on_sqlite_changes_nothing():
    """Forwards and backwards through the schema editor: no statement reaches SQLite."""
    if connection.vendor == "postgresql":
        # On PostgreSQL the operations do create and drop; the index test above covers them.
        assert set(_client_indexes()) >= TRIGRAM_INDEXES
        return
    module = importlib.import_module(f"terugkeer.clients.migrations.{MIGRATION}")
    from django.apps import apps

    before = _client_indexes()
    # A collecting editor, not entered: SQLite refuses to open one inside the test's transaction,
    # and the operations must return before they would need it.
    editor = connection.SchemaEditorClass(connection, collect_sql=True)
    module.add_indexes(apps, editor)
    module.remove_indexes(apps, editor)
    module.Migration.operations[0].database_forwards("clients", editor, None, None)
    module.Migration.operations[0].database_backwards("clients", editor, None, None)
    assert editor.collected_sql == []
    assert _client_indexes() == before
