"""Alembic's entry: migrations run on the connection the store hands over (never a URL from
an ini file), so the app, the tests and the CLI migrate the same way."""

from alembic import context

from triage.store.models import Base

config = context.config
connection = config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
