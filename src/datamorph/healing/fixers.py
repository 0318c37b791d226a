"""Fixers without an LLM: each patches as little of the code as it can, from the catalog and the
spec. The spec (and so every check) is never touched; only the code changes.

- names: an unknown table or column becomes the closest catalog name (type-compatible first);
- ambiguous: an unqualified column gets the alias of the table the spec reads it from;
- functions: an unknown function becomes the closest known one;
- outputs: misnamed output columns are renamed, by position, to the spec's names;
- clauses: the clauses that differ from the spec's own compiled query (joins, WHERE, GROUP BY,
  HAVING, outputs, ORDER BY, LIMIT) are patched, one clause at a time;
- regenerate: the last resort, the whole query compiled from the spec (reported as such).
"""

from __future__ import annotations

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError
from sqlglot.parser import Parser

from datamorph.catalog import Catalog
from datamorph.codegen.sql import compile_sql
from datamorph.errors import did_you_mean
from datamorph.healing.fix import Fix, FixRequest

_CLAUSES = ("joins", "where", "group", "having", "order", "limit")


def _parse(code: str, dialect: str) -> exp.Select | None:
    try:
        tree = sqlglot.parse_one(code, read=dialect)
    except ParseError:
        return None
    return tree if isinstance(tree, exp.Select) else None


def _code_and_spec(r: FixRequest) -> tuple[exp.Select, exp.Select] | None:
    """The code under repair and the spec's own compiled query, both parsed; None when the
    code does not parse (only regeneration can help then)."""
    tree = _parse(r.code, r.dialect)
    reference = _parse(compile_sql(r.spec, r.catalog, r.dialect), r.dialect)
    return (tree, reference) if tree is not None and reference is not None else None


def _render(tree: exp.Expr, dialect: str) -> str:
    return tree.sql(dialect=dialect, pretty=True)


def _aliases(tree: exp.Select, catalog: Catalog) -> dict[str, str]:
    """alias (lower) -> catalog table name, for the tables the code reads."""
    found = {}
    for table in tree.find_all(exp.Table):
        if catalog.has_table(table.name):
            found[(table.alias or table.name).lower()] = catalog.table(table.name).name
    return found


class NameFixer:
    name = "names"

    def fix(self, r: FixRequest) -> Fix | None:
        tree = _parse(r.code, r.dialect)
        if tree is None:
            return None
        changes = self._tables(tree, r.catalog) + self._columns(tree, r.catalog)
        if not changes:
            return None
        return Fix(
            _render(tree, r.dialect),
            f"names not in the catalog: {r.failure.message}",
            changes,
            self.name,
        )

    @staticmethod
    def _tables(tree: exp.Select, catalog: Catalog) -> list[str]:
        changes = []
        ctes = {cte.alias.lower() for cte in tree.find_all(exp.CTE)}
        for table in tree.find_all(exp.Table):
            if catalog.has_table(table.name) or table.name.lower() in ctes:
                continue
            guess = did_you_mean(table.name, catalog.table_names)
            if guess:
                changes.append(f"table {table.name} -> {guess}")
                table.set("this", exp.to_identifier(guess))
        return changes

    @staticmethod
    def _columns(tree: exp.Select, catalog: Catalog) -> list[str]:
        aliases = _aliases(tree, catalog)
        outputs = {p.alias_or_name.lower() for p in tree.expressions}
        changes = []
        for column in list(tree.find_all(exp.Column)):
            if isinstance(column.this, exp.Star):
                continue
            owner = aliases.get(column.table.lower()) if column.table else None
            candidates = [owner] if owner else list(aliases.values())
            names = [c.name for t in candidates for c in catalog.table(t).columns]
            if any(n.lower() == column.name.lower() for n in names):
                continue
            if not column.table and column.name.lower() in outputs:
                continue  # an output alias (ORDER BY total_amount)
            guess = did_you_mean(column.name, names)
            if guess:
                changes.append(f"column {column.sql()} -> {guess}")
                column.set("this", exp.to_identifier(guess))
        return changes


class AmbiguityFixer:
    name = "ambiguous"

    def fix(self, r: FixRequest) -> Fix | None:
        parsed = _code_and_spec(r)
        if parsed is None:
            return None
        tree, reference = parsed
        aliases = _aliases(tree, r.catalog)
        by_table = {table: alias for alias, table in aliases.items()}
        spec_aliases = _aliases(reference, r.catalog)
        preferred = _preferred_aliases(reference, spec_aliases)
        changes = []
        for column in tree.find_all(exp.Column):
            if column.table or isinstance(column.this, exp.Star):
                continue
            owners = [a for a, t in aliases.items() if r.catalog.table(t).has_column(column.name)]
            if len(owners) < 2:
                continue
            table = preferred.get(column.name.lower())
            alias = by_table.get(table) if table else owners[0]
            column.set("table", exp.to_identifier(alias or owners[0]))
            changes.append(f"{column.name} -> {column.sql()}")
        if not changes:
            return None
        return Fix(_render(tree, r.dialect), "ambiguous column names", changes, self.name)


def _preferred_aliases(reference: exp.Select, aliases: dict[str, str]) -> dict[str, str | None]:
    """Column name -> the table the spec reads it from: outputs and group keys first (a join
    condition names both sides, so it only counts when nothing else does)."""
    preferred: dict[str, str | None] = {}
    first = [*reference.expressions, *(reference.args.get("group") or exp.Group()).expressions]
    for scope in (first, [reference]):
        for node in scope:
            for column in node.find_all(exp.Column):
                if column.table and column.name.lower() not in preferred:
                    preferred[column.name.lower()] = aliases.get(column.table.lower())
    return preferred


class FunctionFixer:
    name = "functions"

    def fix(self, r: FixRequest) -> Fix | None:
        tree = _parse(r.code, r.dialect)
        if tree is None:
            return None
        known = {n.lower() for n in Parser.FUNCTIONS} | set(r.catalog.functions or ())
        changes = []
        for call in tree.find_all(exp.Anonymous):
            if call.name.lower() in known:
                continue
            guess = did_you_mean(call.name, {n.lower() for n in Parser.FUNCTIONS}) or did_you_mean(
                call.name, known
            )
            if guess:
                changes.append(f"function {call.name} -> {guess}")
                call.set("this", guess)
        if not changes:
            return None
        fixed = _parse(_render(tree, r.dialect), r.dialect)  # let sqlglot type the function
        return Fix(_render(fixed or tree, r.dialect), "unknown function names", changes, self.name)


class OutputNameFixer:
    """Rename outputs whose expression is the spec's but whose name is not, and the bare
    references to the old names (ORDER BY, QUALIFY, HAVING) with them."""

    name = "outputs"

    def fix(self, r: FixRequest) -> Fix | None:
        parsed = _code_and_spec(r)
        if parsed is None or len(parsed[0].expressions) != len(parsed[1].expressions):
            return None
        tree, reference = parsed
        renamed: dict[str, str] = {}
        for i, (mine, theirs) in enumerate(
            zip(tree.expressions, reference.expressions, strict=True)
        ):
            want, body = theirs.alias_or_name, _unaliased(mine)
            if mine.alias_or_name != want and body == _unaliased(theirs):
                tree.expressions[i].replace(exp.alias_(body.copy(), want))
                renamed[mine.alias_or_name.lower()] = want
        if not renamed:
            return None
        for column in tree.find_all(exp.Column):
            if not column.table and column.name.lower() in renamed:
                column.set("this", exp.to_identifier(renamed[column.name.lower()]))
        changes = [f"output {old} -> {new}" for old, new in renamed.items()]
        return Fix(
            _render(tree, r.dialect), "output columns named unlike the spec", changes, self.name
        )


def _unaliased(node: exp.Expr) -> exp.Expr:
    return node.this if isinstance(node, exp.Alias) else node


class ClauseFixer:
    """Patch the clauses that differ from the spec's compiled query, all in one iteration."""

    name = "clauses"

    def fix(self, r: FixRequest) -> Fix | None:
        parsed = _code_and_spec(r)
        if parsed is None:
            return None
        tree, reference = parsed
        patched, changes = tree.copy(), []
        for clause in ("expressions", *_CLAUSES, "from", "with", "distinct", "qualify"):
            mine, theirs = tree.args.get(clause), reference.args.get(clause)
            if not _same(mine, theirs):
                patched.set(clause, _copy(theirs))
                changes.append(f"{clause} patched from the spec")
        if not changes:
            return None
        return Fix(
            _render(patched, r.dialect),
            "clauses do not do what the spec says: " + ", ".join(c.split()[0] for c in changes),
            changes,
            self.name,
        )


def _same(a: object, b: object) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, exp.Expr) and isinstance(b, exp.Expr):
        return bool(a == b)
    return ((a is None or a == []) and (b is None or b == [])) or a == b


def _copy(value: object) -> object:
    if isinstance(value, list):
        return [v.copy() if isinstance(v, exp.Expr) else v for v in value]
    return value.copy() if isinstance(value, exp.Expr) else value


class Regenerate:
    name = "regenerate"

    def fix(self, r: FixRequest) -> Fix | None:
        code = compile_sql(r.spec, r.catalog, r.dialect)
        if code.strip() == r.code.strip():
            return None
        return Fix(
            code,
            f"last resort after {r.failure.kind}: the query rebuilt from the spec",
            ["whole query regenerated from the spec"],
            self.name,
            regenerated=True,
        )


# Which fixers to try, in order, for each kind of failure.
CHAINS: dict[str, tuple[str, ...]] = {
    "unknown_column": ("outputs", "names", "ambiguous", "clauses", "regenerate"),
    "unknown_table": ("names", "clauses", "regenerate"),
    "ambiguous_column": ("ambiguous", "clauses", "regenerate"),
    "unknown_function": ("functions", "clauses", "regenerate"),
    "syntax_error": ("regenerate",),
    "type_mismatch": ("clauses", "regenerate"),
    "misnamed_output": ("outputs", "clauses", "regenerate"),
    "wrong_result": ("clauses", "outputs", "regenerate"),
    "data_error": ("clauses", "regenerate"),
    "unknown": ("names", "functions", "clauses", "regenerate"),
}
FIXERS = {
    f.name: f
    for f in (
        NameFixer(),
        AmbiguityFixer(),
        FunctionFixer(),
        OutputNameFixer(),
        ClauseFixer(),
        Regenerate(),
    )
}
