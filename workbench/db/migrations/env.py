"""Alembic environment: runs on the connection handed over by ``workbench.db.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from workbench.db.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    """Run the migrations on the connection handed over, else on the ``-x url=...`` database."""
    connection = config.attributes.get("connection")
    if connection is None:  # plain `alembic` command line: -x url=...
        url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///workbench.db")
        with create_engine(url).begin() as connection:
            _migrate(connection)
    else:
        _migrate(connection)


def _migrate(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
