"""search (搜索): the local search index of issue 18 (desktop.search_index)

- search_text: one row per searchable record (slips, topics, meetings, speeches, consensus,
  outcomes, progress notes, activities, cases, members, participants), kept in step by
  triggers on those tables; search_fts (FTS5 trigram) and search_grams (two-character
  tokens) index its text; search_pinyin holds people's names in pinyin; search_numbers
  helps the triggers cut text into tokens.
- Filled here from the records already held. Local tables: nothing travels, older bundles
  lack nothing.

Revision ID: 0014_search
Revises: 0013_status_history
Create Date: 2026-12-06 07:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014_search"
down_revision: str | None = "0013_status_history"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The definitions live in desktop.search_index so that `yishi check --repair-search`
    # rebuilds exactly what this revision made; a later revision changing them calls
    # install() and rebuild() again.
    from desktop import search_index

    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        # FTS5 and SQLite's triggers have no PostgreSQL form: a district on a server gets the
        # plain tables the code reads and writes (every commit drains search_queue) and no
        # full-text index yet; a later revision adds pg_trgm search (issue 20).
        for statement in _SERVER_TABLES:
            connection.exec_driver_sql(statement)
        return
    search_index.install(connection)
    search_index.rebuild(connection)


# search_index's tables as PostgreSQL spells them, without the FTS5 tables, the view and the
# two-character tokens' numbers.
_SERVER_TABLES = (
    "CREATE TABLE search_text (id BIGINT PRIMARY KEY, kind TEXT NOT NULL,"
    " record_id TEXT NOT NULL, opens_id TEXT NOT NULL, room_id TEXT, name TEXT,"
    " title TEXT, body TEXT NOT NULL)",
    "CREATE UNIQUE INDEX search_text_record ON search_text (record_id, kind)",
    "CREATE INDEX search_text_name ON search_text (name) WHERE name IS NOT NULL",
    "CREATE TABLE search_pinyin (name TEXT PRIMARY KEY, readings TEXT NOT NULL)",
    "CREATE TABLE search_queue (kind TEXT NOT NULL, record_id TEXT NOT NULL,"
    " PRIMARY KEY (kind, record_id))",
)


def downgrade() -> None:
    from desktop import search_index

    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        for table in ("search_queue", "search_pinyin", "search_text"):
            connection.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
        return
    for name in search_index.triggers():
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    connection.exec_driver_sql("DROP VIEW IF EXISTS search_grams_text")
    for table in search_index.TABLES:
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
