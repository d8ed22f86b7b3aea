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
    search_index.install(connection)
    search_index.rebuild(connection)


def downgrade() -> None:
    from desktop import search_index

    connection = op.get_bind()
    for name in search_index.triggers():
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    connection.exec_driver_sql("DROP VIEW IF EXISTS search_grams_text")
    for table in search_index.TABLES:
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
