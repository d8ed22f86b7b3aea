"""Alembic environment: batch mode for SQLite, connection handed in by desktop.db."""

from alembic import context
from sqlalchemy import create_engine

from desktop.models import Base
from desktop.search_index import not_index_table

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if url is None:
        raise SystemExit("no database: desktop.db hands Alembic a connection or a URL")
    engine = create_engine(url)
    with engine.begin() as own_connection:
        _run(own_connection)


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        # The search index's tables are made by hand, not models (desktop.search_index).
        include_name=not_index_table,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("Yishi migrates online only")
run_migrations_online()
