"""A live tenant database read through SQLAlchemy: reflection only, read-only, with a connect timeout.

Dialects with INFORMATION_SCHEMA (SQL Server, PostgreSQL, MySQL) run ``COLUMNS_QUERY`` — the query
``nvo-scan drift --print-query`` prints, so a CSV of its result is the same snapshot; others (SQLite) use
SQLAlchemy's inspector. The password comes from the URL, ``NVO_SCAN_DB_PASSWORD`` or a prompt, and never
appears in any message.
"""
from __future__ import annotations

import os
from datetime import datetime, timezone
from typing import Callable, Optional

from ..tsql import string_literal
from . import TenantColumn, TenantError, TenantSchema, catalog_type

PASSWORD_VARIABLE = "NVO_SCAN_DB_PASSWORD"
CONNECT_TIMEOUT = 10
COLUMNS_QUERY = ("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH,\n"
                 "       NUMERIC_PRECISION, NUMERIC_SCALE, IS_NULLABLE\n"
                 "FROM INFORMATION_SCHEMA.COLUMNS\n"
                 "WHERE TABLE_SCHEMA = {schema}\n"
                 "ORDER BY TABLE_NAME, ORDINAL_POSITION")
INFORMATION_SCHEMA_DIALECTS = frozenset({"mssql", "postgresql", "mysql", "mariadb"})
#: The extra that installs each dialect's default driver.
EXTRAS = {"mssql": "mssql", "postgresql": "postgres"}
#: Connect-timeout argument of each driver.
TIMEOUTS = {"pymssql": {"login_timeout": CONNECT_TIMEOUT}, "pyodbc": {"timeout": CONNECT_TIMEOUT},
            "psycopg": {"connect_timeout": CONNECT_TIMEOUT}, "psycopg2": {"connect_timeout": CONNECT_TIMEOUT},
            "pg8000": {"timeout": CONNECT_TIMEOUT}, "pymysql": {"connect_timeout": CONNECT_TIMEOUT},
            "mysqldb": {"connect_timeout": CONNECT_TIMEOUT}}


def print_query(schema: str = "dbo") -> str:
    """The read-only query whose result, saved as CSV, is a snapshot ``drift --snapshot`` reads."""
    return COLUMNS_QUERY.format(schema=string_literal(schema)) + ";"


def _install_hint(url_text: str) -> str:
    backend = url_text.split(":", 1)[0].split("+", 1)[0].lower()
    extra = EXTRAS.get(backend)
    return f'pip install "nvo-scan[{extra}]"' if extra else "install SQLAlchemy and the driver of this URL"


def parse_url(url_text: str, password: Optional[Callable[[], Optional[str]]] = None):
    """The SQLAlchemy URL of ``url_text``, with the password from ``NVO_SCAN_DB_PASSWORD`` or ``password()``
    when the URL names a user but no password. TenantError (no password in it) when it is not a URL."""
    try:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError
    except ImportError:
        raise TenantError(f"reading a database needs SQLAlchemy: {_install_hint(url_text)}") from None
    try:
        url = make_url(url_text)
    except (ArgumentError, ValueError):
        raise TenantError("--db: not a database URL (e.g. mssql+pymssql://user@host:1433/PS_DemoData, "
                          "postgresql+psycopg://user@host/db, sqlite:///tenant.db)") from None
    if url.username and url.password is None and url.get_backend_name() != "sqlite":
        supplied = os.environ.get(PASSWORD_VARIABLE) or (password() if password else None)
        if supplied:
            url = url.set(password=supplied)
    return url


def describe_url(url) -> str:
    """``host:port/database as user`` for messages: never the password."""
    where = f"{url.host or 'localhost'}{f':{url.port}' if url.port else ''}/{url.database or ''}"
    if url.get_backend_name() == "sqlite":
        where = url.database or ":memory:"
    return where + (f" as {url.username}" if url.username else "")


def _scrub(message: str, url) -> str:
    """The first line of ``message`` without the password (as given or URL-encoded)."""
    from urllib.parse import quote_plus

    line = " ".join(str(message).strip().splitlines()[0].split()) if str(message).strip() else "unknown error"
    if url.password:
        for secret in {str(url.password), quote_plus(str(url.password))}:
            line = line.replace(secret, "***")
    return line


def _engine(url):
    """A SQLAlchemy engine for ``url`` with a connect timeout; SQLite files opened read-only."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    if url.get_backend_name() == "sqlite":
        import sqlite3
        from urllib.parse import quote

        path = url.database
        if not path or path == ":memory:" or not os.path.isfile(path):
            raise TenantError(f"{path or ':memory:'}: no such SQLite database file")
        return create_engine("sqlite://", creator=lambda: sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True))
    return create_engine(url, connect_args=TIMEOUTS.get(url.get_driver_name(), {}), poolclass=NullPool)


def read_database(url, schema: Optional[str] = None) -> TenantSchema:
    """The tables and columns of ``schema`` (default: ``dbo`` when the database has it, else its default
    schema). TenantError (one line, no password) when the driver is missing or the database cannot be read."""
    from sqlalchemy.exc import NoSuchModuleError, SQLAlchemyError

    where = describe_url(url)
    try:
        engine = _engine(url)
    except (NoSuchModuleError, ImportError) as e:
        raise TenantError(f"{where}: the driver is not installed ({_scrub(e, url)}): "
                          f"{_install_hint(url.drivername)}") from None
    try:
        with engine.connect() as connection:
            tenant = _read(connection, url, schema)
            connection.rollback()
    except SQLAlchemyError as e:
        raise TenantError(f"cannot read {where}: {_scrub(getattr(e, 'orig', None) or e, url)}") from None
    finally:
        engine.dispose()
    return tenant


def _read(connection, url, schema: Optional[str]) -> TenantSchema:
    from sqlalchemy import inspect, text

    if connection.dialect.name == "postgresql":  # the server itself refuses any write in this transaction
        connection.execute(text("SET TRANSACTION READ ONLY"))
    inspector = inspect(connection)
    schemas = inspector.get_schema_names()
    if schema is None:
        schema = "dbo" if "dbo" in schemas else inspector.default_schema_name
    elif schema not in schemas:
        raise TenantError(f"{describe_url(url)}: no schema {schema} (it has {', '.join(schemas)})")
    tenant = TenantSchema(source=url._replace(username=None, password=None).render_as_string(), kind="database",
                          schema=schema,
                          database=url.database, server=f"{url.host}{f':{url.port}' if url.port else ''}"
                          if url.host else None,
                          taken_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
    if connection.dialect.name in INFORMATION_SCHEMA_DIALECTS:
        rows = connection.execute(text(COLUMNS_QUERY.format(schema=":schema")), {"schema": schema})
        for _, table, column, data_type, length, precision, scale, nullable in rows:
            tenant.add_table(table).add(TenantColumn(column, catalog_type(data_type, length, precision, scale),
                                                     str(nullable).upper() == "YES"))
        return tenant
    default = schema if schema != inspector.default_schema_name else None
    for table in inspector.get_table_names(default) + inspector.get_view_names(default):
        added = tenant.add_table(table)
        for column in inspector.get_columns(table, default):
            sql_type = column["type"]
            added.add(TenantColumn(column["name"], catalog_type(str(sql_type).split("(")[0],
                                                                getattr(sql_type, "length", None),
                                                                getattr(sql_type, "precision", None),
                                                                getattr(sql_type, "scale", None)),
                                   bool(column.get("nullable", True))))
    return tenant
