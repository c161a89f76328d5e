"""The history schema, versioned with `PRAGMA user_version` and upgraded one step at a time.

`MIGRATIONS[n]` takes a database from version n to n + 1. A new database runs
every step from 0, so a fresh install and an upgraded one end up the same.
Each upgrade runs in one transaction with the version bump: a crash part-way
leaves the file at the old version, untouched.
"""

from __future__ import annotations

import sqlite3

from kindly.core.errors import KindlyFailure

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 0 -> 1: the first layout, one row a session.
    (
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            start_utc TEXT NOT NULL,
            utc_offset_min INTEGER NOT NULL,
            planned_s REAL NOT NULL,
            practised_s REAL NOT NULL,
            practice TEXT,
            completed INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1))
        )""",
    ),
    # 1 -> 2: the IANA zone name where it is known, and sessions kept in start order for stats and export.
    (
        "ALTER TABLE sessions ADD COLUMN zone TEXT",
        "CREATE INDEX sessions_by_start ON sessions (start_utc)",
    ),
    # 2 -> 3: where the person is on a practice path (one row a path ever started; the one not
    # left is the one they are on).
    (
        """CREATE TABLE path_progress (
            path_id TEXT PRIMARY KEY,
            started_utc TEXT NOT NULL,
            week INTEGER NOT NULL CHECK (week >= 1),
            week_began_utc TEXT NOT NULL,
            left_utc TEXT
        )""",
    ),
    # 3 -> 4: the check-ins a person gave before and after a session (each answer 0-10, or none).
    tuple(
        f"ALTER TABLE sessions ADD COLUMN {column} INTEGER CHECK ({column} BETWEEN 0 AND 10)"
        for column in ("before_kindness", "before_ease", "after_kindness", "after_ease")
    ),
    # 4 -> 5: history shared through a sync folder (kindly.sync). Each session gets a stable id once it
    # is journaled; a session merged from another machine keeps that machine's id, name and the
    # revision (seq) it came at (NULL device: recorded here). What this machine has journaled is kept
    # so no seq is ever used twice, and the other machines' deletions so a file half-synced never
    # brings back a session deleted where it was done.
    (
        "ALTER TABLE sessions ADD COLUMN sync_id TEXT",
        "ALTER TABLE sessions ADD COLUMN origin_device TEXT",
        "ALTER TABLE sessions ADD COLUMN origin_name TEXT",
        "ALTER TABLE sessions ADD COLUMN origin_seq INTEGER",
        "CREATE UNIQUE INDEX sessions_by_sync_id ON sessions (sync_id)",
        "CREATE TABLE sync_written (subject TEXT PRIMARY KEY, seq INTEGER NOT NULL, state TEXT NOT NULL)",
        "CREATE TABLE sync_tombstones (sync_id TEXT PRIMARY KEY, device TEXT NOT NULL, seq INTEGER NOT NULL)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: sqlite3.Connection, name: str) -> int:
    """Bring the database up to `SCHEMA_VERSION`; returns the version it had before.

    The connection must be in autocommit mode (isolation_level None) so the
    transaction here is the only one.
    """
    connection.execute("BEGIN IMMEDIATE")
    try:
        found = schema_version(connection)
        if found > SCHEMA_VERSION:
            raise KindlyFailure(
                f"{name} was written by a newer Kindly (history version {found}; this one reads up to "
                f"{SCHEMA_VERSION}); it was left as it is"
            )
        for version in range(found, SCHEMA_VERSION):
            for statement in MIGRATIONS[version]:
                connection.execute(statement)
        if found != SCHEMA_VERSION:
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    return found
