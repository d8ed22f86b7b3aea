"""server search grams: the search index's GIN index of grams on PostgreSQL (desktop.search_index)

- yishi_grams(kind, body), an IMMUTABLE plpgsql function: the row's kind with every single
  character and two-character substring of its lowered text ("topic:加", "topic:加装", …).
- search_text_grams, a GIN index over it: every word of a query is found through it, one
  kind's rows only, words of one or two characters too (pg_trgm's index could not narrow
  those, nor keep kinds apart: 1 s a search on a 10-year district, 30 ms now).
- search_text_body_trgm (revision 0018) dropped: no query reads it any more.
- search_text analysed: the queries read the grams' statistics (desktop.queries.search).
- Nothing on SQLite: FTS5 answers there (revision 0014).

Building the index reads every row once: about a minute on a 10-year district.

Revision ID: 0020_server_search_grams
Revises: 0019_city
Create Date: 2026-12-07 14:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0020_server_search_grams"
down_revision: str | None = "0019_city"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from desktop import search_index

    connection = op.get_bind()
    if not search_index.on_server(connection):
        return
    search_index.install(connection)  # the function, the index; the trigram index dropped
    connection.exec_driver_sql("ANALYZE search_text")


def downgrade() -> None:
    from desktop import search_index

    connection = op.get_bind()
    if not search_index.on_server(connection):
        return
    connection.exec_driver_sql("DROP INDEX IF EXISTS search_text_grams")
    connection.exec_driver_sql("DROP FUNCTION IF EXISTS yishi_grams(text, text)")
    # Revision 0018's, as it made it.
    connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    connection.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS search_text_body_trgm ON search_text"
        " USING gin (body gin_trgm_ops)"
    )
