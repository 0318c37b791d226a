"""What a replaced PostgreSQL table keeps: its comments, privileges and indexes.

A swap puts a new table under the old name; without this, every GRANT on the target, its
documentation and its indexes would vanish with the backup it becomes. They are read before
the swap and applied to the new table in the same transaction: an index or a comment on a
column the new table no longer has is left out (the spec changed the columns on purpose).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import psycopg

from datamorph.engines.base import quote


@dataclass
class Kept:
    comment: str | None = None
    column_comments: dict[str, str] = field(default_factory=dict)
    grants: list[tuple[str, str]] = field(default_factory=list)  # (grantee, privilege)
    indexes: list[tuple[str, list[str], str]] = field(default_factory=list)  # name, columns, def


def carried_over(con: psycopg.Connection[Any], schema: str, table: str) -> Kept:
    oid_row = con.execute(
        "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s AND lower(c.relname) = lower(%s) AND c.relkind IN ('r', 'p')",
        [schema, table],
    ).fetchone()
    if oid_row is None:
        return Kept()
    oid = oid_row[0]
    (comment,) = con.execute("SELECT obj_description(%s, 'pg_class')", [oid]).fetchone() or (None,)
    column_comments = {
        name: text
        for name, text in con.execute(
            "SELECT a.attname, col_description(a.attrelid, a.attnum) FROM pg_attribute a "
            "WHERE a.attrelid = %s AND a.attnum > 0 AND NOT a.attisdropped",
            [oid],
        ).fetchall()
        if text
    }
    grants = con.execute(
        "SELECT CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END, "
        "g.privilege_type FROM pg_class c, aclexplode(c.relacl) g "
        "LEFT JOIN pg_roles r ON r.oid = g.grantee "
        "WHERE c.oid = %s AND g.grantee <> c.relowner",
        [oid],
    ).fetchall()
    indexes = con.execute(
        "SELECT i.relname, ARRAY(SELECT a.attname FROM pg_attribute a "
        "  WHERE a.attrelid = x.indrelid AND a.attnum = ANY(x.indkey)), "
        "pg_get_indexdef(x.indexrelid) "
        "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
        "WHERE x.indrelid = %s AND NOT x.indisprimary",
        [oid],
    ).fetchall()
    return Kept(comment, column_comments, list(grants), [(n, list(c), d) for n, c, d in indexes])


def restore(con: psycopg.Connection[Any], schema: str, table: str, kept: Kept) -> None:
    """Apply `kept` to the new `table` (the backup and its indexes are gone by now). An index
    definition names the table as `schema.table`: the new table's name, so it applies as is."""
    target = f"{quote(schema)}.{quote(table)}"
    columns = {
        name
        for (name,) in con.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass "
            "AND attnum > 0 AND NOT attisdropped",
            [target],
        ).fetchall()
    }
    if kept.comment:
        con.execute(f"COMMENT ON TABLE {target} IS {_literal(kept.comment)}")
    for name, text in kept.column_comments.items():
        if name in columns:
            con.execute(f"COMMENT ON COLUMN {target}.{quote(name)} IS {_literal(text)}")
    for grantee, privilege in kept.grants:
        con.execute(f"GRANT {privilege} ON {target} TO {grantee}")
    for _, index_columns, definition in kept.indexes:
        if set(index_columns) <= columns:
            con.execute(definition)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
