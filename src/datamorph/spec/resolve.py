"""Resolve a query of the spec against table schemas: the one place names get their meaning.

Every column reference is qualified with its table alias; names of transformations, group-by
outputs and aggregations are inlined as the expressions they stand for. The checker reports the
problems found on the way; the compilers build code from the resolved trees. Because both read
the same resolution, a spec that checks clean compiles to code that binds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sqlglot import exp

from datamorph.catalog import compatible_types
from datamorph.errors import did_you_mean
from datamorph.spec import expressions as ex
from datamorph.spec.model import JoinCondition, Query
from datamorph.spec.problems import Problem

# {table: {column: type}}; step outputs are added to it as they resolve.
Schema = Mapping[str, Mapping[str, str]]
Names = dict[str, exp.Expr]

_FLIPPED = {"left": "right", "right": "left", "inner": "inner", "full": "full"}


@dataclass
class Join:
    ref: str
    table: str
    kind: str
    on: exp.Expr


@dataclass
class ResolvedQuery:
    from_ref: str
    from_table: str
    joins: list[Join] = field(default_factory=list)
    filters: list[exp.Expr] = field(default_factory=list)
    group_items: list[tuple[str, exp.Expr]] = field(default_factory=list)
    aggregations: list[tuple[str, exp.Expr]] = field(default_factory=list)
    having: list[exp.Expr] = field(default_factory=list)
    qualify: list[exp.Expr] = field(default_factory=list)
    outputs: list[tuple[str, exp.Expr]] = field(default_factory=list)
    order_by: list[tuple[exp.Expr, bool, bool | None]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    column_types: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def output_names(self) -> list[str]:
        return [name for name, _ in self.outputs]


class Resolver:
    """Resolves one query (the main one or a step); `prefix` locates its fields in the spec."""

    def __init__(self, query: Query, schema: Schema, prefix: str = "") -> None:
        self.query = query
        self.prefix = prefix
        self.problems: list[Problem] = []
        self.parsed: list[tuple[str, exp.Expr]] = []  # every tree, for function checks
        self.refs: dict[str, str] = {}  # alias (lower) -> table name as the schema spells it
        self.columns: dict[str, dict[str, tuple[str, str]]] = {}  # alias -> {lower: (name, type)}
        self.hidden_refs: set[str] = set()  # semi/anti-joined: visible only in their `on`
        # Aliases of unknown tables: already reported once, so references to them stay quiet.
        self.broken_refs: set[str] = set()
        self._load_tables(schema)

    # ---- problems ---------------------------------------------------------------------------

    def problem(self, path: str, message: str, code: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.prefix + path, message, code, hint))

    def parse(self, text: str, path: str, *, allow_alias: bool = False) -> exp.Expr | None:
        try:
            tree = ex.parse_expression(text, allow_alias=allow_alias)
        except ex.ExpressionError as error:
            self.problem(path, str(error), "parse_error", "write one SQL expression")
            return None
        if ex.has_subquery(tree):
            self.problem(
                path,
                "sub-queries are not allowed in expressions",
                "subquery",
                "put the sub-query in `steps` and join to it (semi/anti for EXISTS)",
            )
            return None
        self.parsed.append((self.prefix + path, tree))
        return tree

    # ---- tables -----------------------------------------------------------------------------

    def _load_tables(self, schema: Schema) -> None:
        by_lower = {name.lower(): name for name in schema}
        for i, source in enumerate(self.query.source_tables):
            ref = source.ref.lower()
            table = by_lower.get(source.name.lower())
            if ref in self.refs:
                self.problem(
                    f"source_tables[{i}]",
                    f"alias '{source.ref}' is used twice",
                    "duplicate_alias",
                    "give each table its own alias",
                )
                continue
            if table is None:
                self.broken_refs.add(ref)
                guess = did_you_mean(source.name, list(schema))
                hint = f"did you mean '{guess}'?" if guess else "list tables: `datamorph catalog`"
                self.problem(
                    f"source_tables[{i}].name",
                    f"unknown table '{source.name}'",
                    "unknown_table",
                    hint,
                )
                continue
            self.refs[ref] = table
            self.columns[ref] = {c.lower(): (c, t) for c, t in schema[table].items()}

    def _ref_of(self, name: str) -> str | None:
        lowered = name.lower()
        if lowered in self.refs:
            return lowered
        # A table named by its name although it has an alias: accept when unambiguous.
        matches = [ref for ref, table in self.refs.items() if table.lower() == lowered]
        return matches[0] if len(matches) == 1 else None

    # ---- joins ------------------------------------------------------------------------------

    def resolve_joins(self) -> tuple[str, list[Join]]:
        first = self.query.source_tables[0].ref.lower()
        joined: set[str] = {first}
        joins: list[Join] = []
        pending = list(enumerate(self.query.join_conditions))
        while pending:
            progressed, waiting = False, []
            for i, cond in pending:
                if self._place_join(i, cond, joined, joins) is None:
                    waiting.append((i, cond))
                else:
                    progressed = True
            pending = waiting
            if not progressed:
                break
        for i, cond in pending:
            self.problem(
                f"join_conditions[{i}]",
                f"neither '{cond.left}' nor '{cond.right}' connects to the other tables",
                "join",
                "join each table to one already joined",
            )
        for i, source in enumerate(self.query.source_tables):
            ref = source.ref.lower()
            if ref in self.refs and ref not in joined and ref not in self.broken_refs:
                self.problem(
                    f"source_tables[{i}]",
                    f"table '{source.ref}' is never joined",
                    "join",
                    "add a join condition for it, or remove it",
                )
        return first, joins

    def _place_join(
        self, i: int, cond: JoinCondition, joined: set[str], joins: list[Join]
    ) -> bool | None:
        """Join the new side of `cond`; None when neither side is joined yet (try later)."""
        path = f"join_conditions[{i}]"
        left, right = self._ref_of(cond.left), self._ref_of(cond.right)
        if {cond.left.lower(), cond.right.lower()} & self.broken_refs:
            return True
        for side, ref, name in (("left", left, cond.left), ("right", right, cond.right)):
            if ref is None:
                guess = did_you_mean(name, list(self.refs))
                hint = f"did you mean '{guess}'?" if guess else "use an alias from source_tables"
                self.problem(
                    f"{path}.{side}", f"unknown table alias '{name}'", "unknown_alias", hint
                )
        if left is None or right is None:
            return False
        if left == right:
            self.problem(
                path,
                "a table cannot be joined to itself here",
                "join",
                "list the table twice in source_tables with two aliases",
            )
            return False
        if left in joined and right in joined:
            return self._add_to_existing(path, cond.on, left, right, joins)
        if left not in joined and right not in joined:
            return None
        new, kind = right, str(cond.type)
        if right in joined:
            if cond.type in ("semi", "anti"):
                self.problem(
                    path,
                    f"a {cond.type} join keeps rows of '{cond.left}', which must come first",
                    "join",
                    "list the kept table earlier in source_tables",
                )
                return False
            new, kind = left, _FLIPPED[cond.type]
        on = self.resolve_on(cond.on, f"{path}.on")
        if on is not None:
            joins.append(Join(new, self.refs[new], kind, on))
        if kind in ("semi", "anti"):
            self.hidden_refs.add(new)
        joined.add(new)
        return True

    def _add_to_existing(self, path: str, on_text: str, a: str, b: str, joins: list[Join]) -> bool:
        on = self.resolve_on(on_text, f"{path}.on")
        owner = next((j for j in reversed(joins) if j.ref in (a, b)), None)
        if on is not None and owner is not None:
            owner.on = exp.and_(owner.on, on)
        return True

    def resolve_on(self, text: str, path: str) -> exp.Expr | None:
        tree = self.parse(text, path)
        if tree is None:
            return None
        if ex.has_aggregate(tree) or ex.has_window(tree):
            self.problem(path, "a join condition cannot aggregate", "misplaced_aggregate")
        tree = self.resolve_names(tree, path, {}, include_hidden=True)
        self._check_comparisons(tree, path)
        return tree

    def _check_comparisons(self, tree: exp.Expr, path: str) -> None:
        for eq in tree.find_all(exp.EQ):
            left, right = eq.left, eq.right
            if not (isinstance(left, exp.Column) and isinstance(right, exp.Column)):
                continue
            lt, rt = self.type_of(left), self.type_of(right)
            if lt and rt and not compatible_types(lt, rt):
                self.problem(
                    path,
                    f"joins {left.sql()} ({lt}) to {right.sql()} ({rt}): incompatible types",
                    "type_mismatch",
                    "join on columns of the same kind, or cast one side",
                )

    def type_of(self, column: exp.Column) -> str | None:
        found = self.columns.get(column.table.lower(), {}).get(column.name.lower())
        return found[1] if found else None

    # ---- names ------------------------------------------------------------------------------

    def resolve_names(
        self, tree: exp.Expr, path: str, names: Names, *, include_hidden: bool = False
    ) -> exp.Expr:
        """Qualify source columns and inline derived names; returns a new tree."""
        tree = tree.copy()
        visible = [r for r in self.columns if include_hidden or r not in self.hidden_refs]
        for column in ex.columns_of(tree):
            replacement = self._resolve_column(column, path, names, visible)
            if column is tree:
                tree = replacement
        return tree

    def _resolve_column(
        self, column: exp.Column, path: str, names: Names, visible: list[str]
    ) -> exp.Expr:
        if column.table.lower() in self.broken_refs:
            return column
        if column.table:
            self._check_qualified(column, path, visible)
            return column
        name = column.name.lower()
        if name in names:
            replacement = ex.parenthesize(names[name], column.parent)
            column.replace(replacement)
            return replacement
        owners = [ref for ref in visible if name in self.columns[ref]]
        if len(owners) == 1:
            column.set("table", exp.to_identifier(owners[0]))
        elif owners:
            choices = " or ".join(f"{ref}.{column.name}" for ref in owners)
            self.problem(
                path,
                f"column '{column.name}' is ambiguous",
                "ambiguous_column",
                f"qualify it: {choices}",
            )
        elif not self.broken_refs:
            known = [c for ref in visible for c, _ in self.columns[ref].values()] + list(names)
            guess = did_you_mean(column.name, known)
            self.problem(
                path,
                f"unknown column '{column.name}'",
                "unknown_column",
                f"did you mean '{guess}'?" if guess else "list columns: `datamorph catalog`",
            )
        return column

    def _check_qualified(self, column: exp.Column, path: str, visible: list[str]) -> None:
        ref = self._ref_of(column.table)
        if ref is None or ref not in visible:
            if ref is not None:
                self.problem(
                    path,
                    f"'{column.table}' is semi/anti-joined: its columns are only "
                    "usable in its join condition",
                    "hidden_column",
                )
                return
            guess = did_you_mean(column.table, list(self.refs))
            hint = f"did you mean '{guess}'?" if guess else "use an alias from source_tables"
            self.problem(path, f"unknown table alias '{column.table}'", "unknown_alias", hint)
            return
        column.set("table", exp.to_identifier(ref))
        if column.name.lower() not in self.columns[ref]:
            candidates = [c for c, _ in self.columns[ref].values()]
            guess = did_you_mean(column.name, candidates)
            elsewhere = [r for r in visible if column.name.lower() in self.columns[r]]
            hint = (
                f"did you mean '{ref}.{guess}'?"
                if guess
                else f"it is in '{elsewhere[0]}'"
                if elsewhere
                else f"columns of {self.refs[ref]}: " + ", ".join(candidates[:12])
            )
            self.problem(path, f"unknown column '{ref}.{column.name}'", "unknown_column", hint)

    # ---- per-field rules --------------------------------------------------------------------

    def resolve_list(
        self,
        texts: tuple[str, ...],
        field_name: str,
        names: Names,
        rule: Callable[[exp.Expr, str], None] | None = None,
    ) -> list[exp.Expr]:
        resolved = []
        for i, text in enumerate(texts):
            path = f"{field_name}[{i}]"
            tree = self.parse(text, path)
            if tree is None:
                continue
            tree = self.resolve_names(tree, path, names)
            if rule is not None:
                rule(tree, path)
            resolved.append(tree)
        return resolved

    def resolve_named(
        self, text: str, path: str, names: Names
    ) -> tuple[str | None, exp.Expr | None]:
        """`expr AS name` or a bare column: (output name, resolved expression)."""
        tree = self.parse(text, path, allow_alias=True)
        if tree is None:
            return None, None
        alias, body = ex.split_alias(tree)
        name = alias or ex.natural_name(body)
        if name is None:
            self.problem(
                path, f"'{text}' needs a name", "unnamed_output", f"write '{text} AS some_name'"
            )
        return name, self.resolve_names(body, path, names)

    def no_aggregate(self, what: str, hint: str) -> Callable[[exp.Expr, str], None]:
        def rule(tree: exp.Expr, path: str) -> None:
            if ex.has_aggregate(tree):
                self.problem(
                    path, f"{what} cannot contain an aggregate", "misplaced_aggregate", hint
                )

        return rule
