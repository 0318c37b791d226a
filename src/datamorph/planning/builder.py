"""How an intent becomes a spec: the base table, the joins along the catalog's keys, an alias
per table, a name per output, and the checks that refuse a plan answering another question
(tables named but unused, totals of flags, a single total ranked, rows repeated by a join).
"""

from __future__ import annotations

import re
from typing import Any

from datamorph.catalog import Catalog, Table
from datamorph.planning import shaping
from datamorph.planning.base import PlanningError
from datamorph.planning.intent import Condition, Derived, Group, Intent, Measure, OrderKey
from datamorph.planning.joins import AmbiguousPath, JoinGraph, connect
from datamorph.planning.presentation import rounded
from datamorph.spec import Spec

_LABEL_COLUMNS = ("name", "title", "label", "full_name", "fullname", "description", "display_name")
_LABEL_SUFFIXES = frozenset({"name", "nm", "title", "label", "desc", "description"})


class SpecBuilder:
    def __init__(self, intent: Intent, catalog: Catalog, graph: JoinGraph, prompt: str):
        self.intent, self.catalog, self.graph, self.prompt = intent, catalog, graph, prompt
        self.alias: dict[str, str] = {}

    def build(self) -> Spec:
        shaping.prepare(self.intent, self.catalog, self.prompt)
        from datamorph.planning.fanout import refuse_sorting_by_many

        refuse_sorting_by_many(self.intent, self.catalog)
        tables = self._tables()
        joins = self._joins(tables)
        data: dict[str, Any] = {
            "description": self.prompt.strip()[:300],
            "source_tables": [{"name": t, "alias": self.alias[t]} for t in self.alias],
            "join_conditions": joins,
            "filters": [self._condition(c) for c in self.intent.filters],
            "group_by": list(
                dict.fromkeys(g for group in self.intent.groups for g in self._group(group))
            ),
            "aggregations": [
                {"name": m.name, "expr": rounded(self._measure(m), self.intent.round_digits)}
                for m in self.intent.measures
            ],
            "having": [self._condition(c) for c in self.intent.having],
            "qualify": self._qualify(),
            "order_by": _distinct_keys([self._order(o) for o in self.intent.order]),
            "limit": self.intent.limit,
            "distinct": self.intent.distinct,
            "target_table": {
                "name": self.intent.target or self._target_name(),
                "keys": self._grain(),
            },
        }
        if not self.intent.measures and not self.intent.groups:
            data["columns"] = self._projection() + [
                f"{rounded(self.render(d), self.intent.round_digits)} AS {d.name}"
                for d in self.intent.derived
            ]
        from datamorph.planning import shapes  # it reads this module's dataclasses

        if self.intent.relative is not None:
            shapes.relative_filter(
                data,
                self.intent.relative,
                self.col(*self.intent.relative.column),
                self.intent.today,
            )
        if self.intent.window is not None:
            outputs = [*self._grain_names(), *(m.name for m in self.intent.measures)]
            data = shapes.over_periods(data, self.intent, outputs)
        return Spec.from_dict(data, source="plan")

    def _grain_names(self) -> list[str]:
        names = []
        for group in self.intent.groups:
            for expr in self._group(group):
                names.append(expr.rsplit(" AS ", 1)[1] if " AS " in expr else expr.split(".")[-1])
        return list(dict.fromkeys(names))

    def _qualify(self) -> list[str]:
        """Windows over the result: the top N of each group, comparisons with the average."""
        found = []
        rank = self.intent.rank_within
        if rank is not None:
            by = rank.by.name if isinstance(rank.by, Measure) else self.col(*rank.by)
            table = self.catalog.table(rank.group.table)
            group = self.col(table.name, rank.group.column or table.entity_key or "")
            order = "DESC" if rank.desc else "ASC"
            found.append(
                f"row_number() OVER (PARTITION BY {group} ORDER BY {by} {order} NULLS LAST)"
                f" <= {rank.n}"
            )
        if self.intent.versus_overall and self.intent.filters:
            raise PlanningError(
                "the request compares with the average over every row, and also keeps only "
                "some rows: it is not said whether that average is over all rows or the kept ones",
                hint="say 'the average of the selected rows' or drop the condition",
            )
        for measure, op in self.intent.versus_overall:
            column = self.col(measure.table, measure.column or "")
            found.append(
                f"avg({column}) {op} sum(sum({column})) OVER () / sum(count({column})) OVER ()"
            )
        for subject, op, within in self.intent.versus_average:
            expr = subject.name if isinstance(subject, Measure) else self.col(*subject)
            window = ""
            if within is not None:
                table = self.catalog.table(within[0])
                window = f"PARTITION BY {self.col(table.name, within[1] or table.entity_key or '')}"
            found.append(f"{expr} {op} avg({expr}) OVER ({window})")
        return found

    # ---- tables and joins ------------------------------------------------------------------

    def _tables(self) -> list[str]:
        used = list(self.intent.tables)
        for table in shaping.referenced(self.intent):
            if table not in used:
                used.append(table)
        if self.intent.preserve in used:
            used.remove(self.intent.preserve)
            used.insert(0, self.intent.preserve)
        return used

    def _joins(self, tables: list[str]) -> list[dict[str, str]]:
        base = [t for t in tables if t not in self.intent.anti]
        if not base:  # 'orders without ...' where every table named is one to exclude
            raise PlanningError(
                f"nothing is left to read: {', '.join(self.intent.anti)} is only excluded",
                unplaced=list(self.intent.anti),
            )
        try:
            edges, unreachable = connect(
                self.graph,
                base,
                self.intent.join_columns,
                self.intent.named_columns,
                self.intent.said,
            )
        except AmbiguousPath as error:
            raise PlanningError(
                f"{error.table} relates to {base[0]} in more than one way: "
                + " or ".join(error.choices),
                unplaced=[error.table],
                hint=f"name the table that links them, e.g. '... through {error.choices[0]}'",
            ) from None
        if unreachable:
            raise PlanningError(
                f"cannot find how {', '.join(unreachable)} joins to {base[0]}",
                unplaced=unreachable,
                hint="name the join column, e.g. 'join A and B on customer_id'",
            )
        through = [e.new for e in edges if e.new in self.intent.anti]
        if through:  # "members who never took out a crime book": the book is the loans' own
            raise PlanningError(
                f"{through[0]} is both excluded and the link to {', '.join(base[1:])}: the "
                f"condition on {', '.join(base[1:])} belongs to the excluded {through[0]} rows, "
                "which is not supported offline",
                unplaced=[through[0]],
                hint="configure an LLM with --llm, or ask in two steps",
            )
        from datamorph.planning.fanout import refuse_repeated_rows, refuse_shared_parents

        refuse_repeated_rows(edges, self.intent.measures, self.catalog)
        refuse_shared_parents(edges, self.intent, self.catalog)
        self._list_each_row_once(edges, base)
        self._name(base[0])
        joins = []
        for edge in edges:
            self._name(edge.new)
            kind = (
                "left" if edge.known == self.intent.preserve or self._shown_only(edge) else "inner"
            )
            joins.append(
                self._on(edge.known, edge.new, edge.key.left_column, edge.key.right_column, kind)
            )
            child = not self.catalog.table(edge.new).is_unique(edge.key.right_column)
            if edge.known == self.intent.preserve and child:  # the rows matched, maybe none
                self._within_join(joins[-1], edge.new)
                self._nothing_beyond_kept(edges, edge.new)
        for table in self.intent.anti:
            joins.append(self._anti(base, table))
            self._within_join(joins[-1], table)
        return joins

    def _nothing_beyond_kept(self, edges: Any, table: str) -> None:
        """Every row of the kept table stays, with empty matches: a further inner join or
        condition beyond the matched table would drop exactly the rows with none."""
        beyond = [e.new for e in edges if e.known == table]
        if beyond:
            raise PlanningError(
                f"every {self.intent.preserve} row is kept, but {beyond[0]} is reached through "
                f"{table}: the rows with no {table} would be dropped again",
                unplaced=[beyond[0]],
                hint="configure an LLM with --llm, or ask in two steps",
            )

    def _within_join(self, join: dict[str, str], table: str) -> None:
        """'customers with no orders in 2024': the condition restricts the rows that must not
        exist, so it belongs to the anti join, not to the customers. Likewise 'finished walks
        per owner, including owners with none': in the WHERE clause it would drop the owners
        that a left join keeps."""
        if join["right"] != self.alias.get(table):
            return  # excluded through a link table: the condition stays, and is refused
        inside = [c for c in self.intent.filters if c.table == table]
        for condition in inside:
            join["on"] += f" AND ({self._condition(condition)})"
        self.intent.filters = [c for c in self.intent.filters if c not in inside]

    def _list_each_row_once(self, edges: Any, base: list[str]) -> None:
        """A list whose rows a filtering join would repeat shows each row once."""
        from datamorph.planning.fanout import repeats_listed

        i = self.intent
        if i.measures or i.groups or i.distinct or i.limit is not None:
            return
        shown = {t for t, _ in i.columns} | {t for d in i.derived for t, _ in d.columns}
        shown = shown or set(base[:1])
        if repeats_listed(edges, shown, self.catalog) is not None:
            i.distinct = True

    def _shown_only(self, edge: Any) -> bool:
        """'shipments with their driver': a table joined only to show its label keeps the rows
        whose reference is empty (a left join); an inner join would silently drop them."""
        i = self.intent
        if i.measures or i.groups or edge.new in {c.table for c in i.filters}:
            return False
        if not any(t == edge.new for t, _ in i.columns) or edge.new in i.tables[:1]:
            return False
        known = self.catalog.table(edge.known)
        column = known.column(edge.key.left_column)
        nullable = column.nullable and not known.is_unique(column.name)
        return nullable and (column.profile is None or (column.profile.null_fraction or 0) > 0)

    def _anti(self, base: list[str], table: str) -> dict[str, str]:
        for known in base:
            keys = self.catalog.join_keys(known, table)
            bridge = self._bridge(known, table)
            if bridge is not None and (not keys or keys[0].score < 0.85):
                self._bridge_implies(bridge, table, known)
                if bridge in self.alias:  # "wards where no patient died", died on admissions
                    raise PlanningError(
                        f"no {table} is excluded through {bridge}, whose rows are also read "
                        f"for a condition: which {bridge} rows must be missing is not said",
                        unplaced=[table],
                        hint="configure an LLM with --llm, or ask in two steps",
                    )
                table, keys = bridge, self.catalog.join_keys(known, bridge)
            keys = self._named_key(keys)
            if len({(k.left_column, k.right_column) for k in keys if k.score >= 0.85}) > 1:
                raise PlanningError(  # "stations with no trips": starting or ending there?
                    f"{table} relates to {known} in more than one way: "
                    + " or ".join(f"{k.right_table}.{k.right_column}" for k in keys),
                    unplaced=[table],
                    hint=f"name the column, e.g. 'with no {table} by {keys[0].right_column}'",
                )
            if keys:
                self._name(table)
                return self._on(known, table, keys[0].left_column, keys[0].right_column, "anti")
        raise PlanningError(f"cannot find how {table} relates to {base[0]}", unplaced=[table])

    def _bridge_implies(self, middle: str, table: str, known: str) -> None:
        """No `middle` row means no `table` row only when every `middle` row points at one
        (an assignment always has its project); a patient's appointments may have no
        prescription, so 'never prescribed' is not 'never had an appointment'."""
        keys = self.catalog.join_keys(middle, table)
        target = self.catalog.table(table)
        pointing = self.catalog.table(middle).column(keys[0].left_column) if keys else None
        if (
            pointing is not None
            and target.is_unique(keys[0].right_column)
            and (pointing.profile is None or not pointing.profile.null_fraction)
        ):
            return
        raise PlanningError(
            f"{table} relates to {known} only through {middle}, and {middle} rows may have no "
            f"{table}: excluding {known} with no {table} is not supported offline",
            unplaced=[table],
            hint=f"ask for the {known} with no {middle} instead, or configure an LLM with --llm",
        )

    def _named_key(self, keys: list[Any]) -> list[Any]:
        """Of several keys, the one whose column the request names ('from', 'origin')."""
        named = [
            k
            for k in keys
            if {k.left_column.lower(), k.right_column.lower()} & self.intent.named_columns
            and k.left_column.lower() != k.right_column.lower()
        ]
        return named if len(named) == 1 else keys

    def _bridge(self, known: str, table: str) -> str | None:
        """'employees not assigned to any project': the link table between the two."""
        for middle in self.graph.neighbours(known):
            strong = self.graph.neighbours(known)[middle].score >= 0.85
            if strong and middle != table and table in self.graph.neighbours(middle):
                return middle
        return None

    def _on(self, left: str, right: str, lcol: str, rcol: str, kind: str) -> dict[str, str]:
        la, ra = self.alias[left], self.alias[right]
        return {"left": la, "right": ra, "type": kind, "on": f"{la}.{lcol} = {ra}.{rcol}"}

    def _name(self, table: str) -> None:
        if table in self.alias:
            return
        initials = "".join(part[0] for part in table.lower().split("_") if part) or "t"
        alias, n = initials, 2
        while alias in self.alias.values():
            alias, n = f"{initials}{n}", n + 1
        self.alias[table] = alias

    # ---- expressions -----------------------------------------------------------------------

    def col(self, table: str, column: str) -> str:
        self._name(table)
        return f"{self.alias[table]}.{column}"

    def render(self, d: Derived) -> str:
        slots = {f"c{i}": self.col(t, c) for i, (t, c) in enumerate(d.columns)}
        return d.template.format(**slots)

    def _measure(self, m: Measure) -> str:
        if m.derived is not None:
            return f"{m.fn}({self.render(m.derived)})"
        if m.column is None:
            key = self.catalog.table(m.table).entity_key
            return f"count(DISTINCT {self.col(m.table, key)})" if key else "count(*)"
        column = self.col(m.table, m.column)
        if m.fn == "count_distinct":
            return f"count(DISTINCT {column})"
        if self.intent.zero_fill and m.fn == "sum":
            return f"coalesce(sum({column}), 0)"
        return f"{m.fn}({column})"

    def _group(self, group: Group) -> list[str]:
        if group.grain and group.column:
            column = self.col(group.table, group.column)
            period = [f"date_trunc('{group.grain}', {column}) AS {group.name}"]
            if group.numbered:  # "month number": 1 to 12, beside the month itself
                period.append(f"extract({group.grain} FROM {column}) AS {group.name}_number")
            return period
        if group.column:
            return [self.col(group.table, group.column)]
        table = self.catalog.table(group.table)
        key, label = table.entity_key, self._label(table)
        return [self.col(table.name, c) for c in (key, label) if c]

    def _condition(self, condition: Condition) -> str:
        if condition.measure is not None:
            subject = condition.measure.name
        else:
            assert condition.table and condition.column
            subject = self.col(condition.table, condition.column)
        return condition.sql_template.format(col=subject)

    def _order(self, key: OrderKey) -> dict[str, Any]:
        if key.measure is not None:
            expr = key.measure.name
        elif key.alias is not None:
            expr = key.alias
        else:
            assert key.table and key.column
            expr = self._order_column(key.table, key.column)
        return {"expr": expr, "desc": key.desc}

    def _order_column(self, table: str, column: str) -> str:
        grouped = {g.column for g in self.intent.groups if g.table == table and g.column}
        if self.intent.groups and column not in grouped and not self._is_label(table, column):
            entities = {g.table for g in self.intent.groups if g.column is None}
            if table not in entities and not self._points_to(table, column, entities):
                # "average salary per department, highest first" sorted by employees'
                # first_name: no one value per group, and max() would answer another question
                raise PlanningError(
                    f"the result is sorted by {table}.{column}, which has no one value per group",
                    unplaced=[column],
                    hint="sort by a grouped column or by a computed value",
                )
            return f"max({self.col(table, column)})"  # the group's own attribute: one value
        return self.col(table, column)

    def _points_to(self, table: str, column: str, entities: set[str]) -> bool:
        """`assignments.project_id` grouped by project: one value per group."""
        return any(
            key.columns == (column,) and key.ref_table in entities
            for key in self.catalog.table(table).foreign_keys
        )

    def _is_label(self, table: str, column: str) -> bool:
        t = self.catalog.table(table)
        return any(g.table == table and g.column is None for g in self.intent.groups) and (
            column in {t.entity_key, self._label(t)}
        )

    def _grain(self) -> list[str]:
        """The output columns that identify a row: the group keys (not the labels)."""
        keys: list[str] = []
        for group in self.intent.groups:
            if group.grain:
                keys.append(group.name)
            elif group.column:
                keys.append(group.column)
            else:
                key = self.catalog.table(group.table).entity_key
                if key is None:
                    return []
                keys.append(key)
        return keys if len(set(keys)) == len(keys) else []

    def _projection(self) -> list[str]:
        if self.intent.derived:  # the row's key, then what the request computes
            owner = self.catalog.table(self.intent.derived[0].columns[0][0])
            keys = list(owner.primary_key) or [k for k in [owner.entity_key] if k]
            keyed = [(owner.name, k) for k in keys]
            picked = [c for c in self.intent.columns if c not in keyed]
            return list(dict.fromkeys(self.col(t, c) for t, c in keyed + picked))
        if self.intent.columns:  # a chosen list shows what it is sorted by, too
            sorted_by = [(o.table, o.column) for o in self.intent.order if o.table and o.column]
            return list(dict.fromkeys(self.col(t, c) for t, c in self.intent.columns + sorted_by))
        listed = self.catalog.table(
            self.intent.tables[0] if self.intent.tables else next(iter(self.alias))
        )
        # "drivers ordered by the city of their depot": the city is shown beside each driver
        names = {c.name.lower() for c in listed.columns}
        elsewhere = [
            (o.table, o.column)
            for o in self.intent.order
            if o.table != listed.name and (o.column or "").lower() not in names
        ]
        shown = [(listed.name, c.name) for c in listed.columns] + elsewhere
        return list(dict.fromkeys(self.col(t, c) for t, c in shown if t and c))

    # ---- names -----------------------------------------------------------------------------

    @staticmethod
    def _label(table: Table) -> str | None:
        return label_of(table)

    def _target_name(self) -> str:
        """A name built from the intent: total_amount_by_customers, completed_orders_2024."""
        parts = [m.name for m in self.intent.measures[:2]]
        parts += ["by_" + (g.name or g.column or g.table) for g in self.intent.groups[:2]]
        if not parts:
            parts = _content_words(self.prompt)[:5] or ["result"]
        name = re.sub(r"[^a-z0-9_]+", "_", "_".join(parts).lower()).strip("_")[:60] or "result"
        if self.catalog.has_table(name) or not re.match(r"[a-z_]", name):
            name = f"{name}_result" if re.match(r"[a-z_]", name) else f"result_{name}"
        return name


def _distinct_keys(keys: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A key said twice ('priciest ..., most expensive first') sorts once, as first said."""
    seen: set[str] = set()
    return [k for k in keys if not (k["expr"] in seen or seen.add(k["expr"]))]  # type: ignore[func-returns-value]


def label_of(table: Table) -> str | None:
    """The column that names a row of `table` for a person: customer_name, title, label."""
    singular = table.name.lower().rstrip("s")
    head = singular.split("_")[-1]  # menu_items.item
    for wanted in (f"{singular}_name", *_LABEL_COLUMNS, singular, head):  # clubs.club
        for column in table.columns:
            if column.name.lower() == wanted:
                return column.name
    # one text column named as a name or description, however abbreviated: fld_nm, crop_desc
    named = [
        c.name
        for c in table.columns
        if c.family == "text"
        and c.name.lower().split("_")[-1] in _LABEL_SUFFIXES
        and c.name.lower().split("_")[0] not in {"first", "last", "given", "family", "middle"}
    ]
    return named[0] if len(named) == 1 else None


def _content_words(prompt: str) -> list[str]:
    from datamorph.planning.linking import FILLER, KEYWORDS

    operations = {w for table in KEYWORDS.values() for phrase in table for w in phrase.split()}
    words = re.findall(r"[a-z0-9]+", prompt.lower())
    return [w for w in words if w not in FILLER and w not in operations]
