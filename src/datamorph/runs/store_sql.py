"""The run store's hot statements (a run's events, its artifacts' rows) in the driver's own words.

SQLAlchemy compiles a Core statement the first time an engine runs it, and a run's process
(or a daemon's child) starts with a new engine: 0.5-1.5 ms a statement, where SQLite commits in
0.05 ms (WAL, synchronous=NORMAL). A run writes about ten event transactions and four artifact
rows. Here each INSERT and UPDATE is rendered once per table and column set, with the dialect's
quoting, parameter markers and the columns' own bind processors (so values are stored exactly
as Core stores them), and run with `exec_driver_sql` in the store's transactions. Dialects
whose drivers take other markers, or without UPDATE ... RETURNING, get the same statements
through Core.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

_MARKERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


class DriverStatements:
    def __init__(self, dialect: sa.Dialect) -> None:
        self._dialect = dialect
        self._marker = _MARKERS.get(str(dialect.paramstyle), "")
        self._rendered: dict[tuple[str, str, tuple[str, ...]], str] = {}
        self._processors: dict[tuple[str, str], Callable[[Any], Any] | None] = {}

    @property
    def supported(self) -> bool:
        return bool(self._marker) and bool(self._dialect.update_returning)

    def insert(self, conn: Connection, table: sa.Table, rows: Sequence[Mapping[str, Any]]) -> None:
        """INSERT `rows` (all with the same keys) into `table`."""
        if not self.supported:
            conn.execute(table.insert(), list(rows))
            return
        names = tuple(rows[0])
        sql = self._sql("insert", table, names)
        conn.exec_driver_sql(sql, [self._bound(table, names, row) for row in rows])

    def bump(
        self,
        conn: Connection,
        table: sa.Table,
        counter: str,
        step: int,
        key: tuple[str, Any],
        values: Mapping[str, Any],
    ) -> Any:
        """`counter = counter + step` and `values` on the row where key = value; the counter's
        new value, or None when there is no such row."""
        if not self.supported:
            return self._core_bump(conn, table, counter, step, key, values)
        names = tuple(values)
        sql = self._sql("update", table, (counter, key[0], *names))
        bound = (step, *self._bound(table, names, values), self._bind(table, key[0], key[1]))
        found = conn.exec_driver_sql(sql, bound).first()
        return None if found is None else found[0]

    @staticmethod
    def _core_bump(
        conn: Connection,
        table: sa.Table,
        counter: str,
        step: int,
        key: tuple[str, Any],
        values: Mapping[str, Any],
    ) -> Any:
        where = table.c[key[0]] == key[1]
        changes = {counter: table.c[counter] + step, **values}
        if conn.execute(table.update().where(where).values(**changes)).rowcount == 0:
            return None
        return conn.execute(sa.select(table.c[counter]).where(where)).scalar_one()

    def _sql(self, kind: str, table: sa.Table, names: tuple[str, ...]) -> str:
        cached = self._rendered.get((kind, table.name, names))
        if cached is not None:
            return cached
        quote = self._dialect.identifier_preparer.quote
        m = self._marker
        if kind == "insert":
            columns = ", ".join(quote(n) for n in names)
            markers = ", ".join([m] * len(names))
            sql = f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({markers})"
        else:
            counter, key, *rest = names
            sets = [f"{quote(counter)} = {quote(counter)} + {m}"]
            sets += [f"{quote(n)} = {m}" for n in rest]
            sql = (
                f"UPDATE {quote(table.name)} SET {', '.join(sets)} "
                f"WHERE {quote(key)} = {m} RETURNING {quote(counter)}"
            )
        self._rendered[(kind, table.name, names)] = sql
        return sql

    def _bound(self, table: sa.Table, names: Sequence[str], row: Mapping[str, Any]) -> tuple:
        return tuple(self._bind(table, name, row[name]) for name in names)

    def _bind(self, table: sa.Table, name: str, value: Any) -> Any:
        slot = (table.name, name)
        if slot not in self._processors:
            # the dialect's own implementation of the type: SQLite keeps times as text
            kind = table.c[name].type.dialect_impl(self._dialect)
            self._processors[slot] = kind.bind_processor(self._dialect)
        process = self._processors[slot]
        return value if process is None else process(value)
