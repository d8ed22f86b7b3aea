"""server search: the search index on PostgreSQL (issue 20; desktop.search_index)

- pg_trgm and a trigram GIN index over search_text's text, which ILIKE queries read.
- The records' triggers, in plpgsql, queue what changed in search_queue as SQLite's
  triggers do; the queue loses its primary key there (duplicates are harmless, and
  concurrent writers never wait on each other's queue rows).
- search_text and search_pinyin filled from the records already held.
- Nothing on SQLite: revision 0014 made its index (FTS5 and triggers) and it is unchanged.

Revision ID: 0018_server_search
Revises: 0017_stats_indexes
Create Date: 2026-12-07 10:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0018_server_search"
down_revision: str | None = "0017_stats_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from desktop import search_index

    connection = op.get_bind()
    if not search_index.on_server(connection):
        return
    search_index.rebuild(connection)  # installs first


def downgrade() -> None:
    from desktop import search_index

    connection = op.get_bind()
    if not search_index.on_server(connection):
        return
    search_index.uninstall_server(connection)
    connection.exec_driver_sql("DELETE FROM search_queue")
    connection.exec_driver_sql("DELETE FROM search_pinyin")
    connection.exec_driver_sql("DELETE FROM search_text")
    connection.exec_driver_sql(
        "ALTER TABLE search_queue ADD CONSTRAINT search_queue_pkey PRIMARY KEY (kind, record_id)"
    )
