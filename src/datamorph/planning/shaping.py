"""The intent made buildable: completions and refusals that run before any SQL is assembled.

Each function reads the intent (and the catalog), completes what the request implies (a table
named is shown by its label, a ranking shows its rows' keys) or refuses a plan that would
answer another question (a total of a flag, a single total ranked, periods with nothing per
period, a table named and never used).
"""

from __future__ import annotations

from datamorph.catalog import Catalog
from datamorph.planning.base import PlanningError
from datamorph.planning.intent import Condition, Group, Intent, Measure


def prepare(intent: Intent, catalog: Catalog, prompt: str = "") -> None:
    """Every step, in the order the builder needs them."""
    which_names_one(intent, prompt)
    rows_not_groups(intent, catalog)
    ranked_rows(intent, catalog)
    realise_named_tables(intent, catalog)
    periods_measured(intent, catalog)
    one_row_ranked(intent, catalog)
    measures_fit_types(intent, catalog)
    periods_of_dated_rows(intent, catalog)


def periods_of_dated_rows(intent: Intent, catalog: Catalog) -> None:
    """'late fees per quarter, by when the book was returned': a row with no return date is in
    no quarter; it is left out rather than shown as a period of its own."""
    for group in intent.groups:
        if not (group.grain and group.column):
            continue
        column = catalog.table(group.table).column(group.column)
        filtered = any(c.table == group.table and c.column == group.column for c in intent.filters)
        if column.nullable and not filtered and not intent.preserve:
            intent.filters.append(Condition("{col} IS NOT NULL", group.table, group.column))


def measures_fit_types(intent: Intent, catalog: Catalog) -> None:
    """A total or an average of a flag or a label is a misreading ('total won amount' is
    not the sum of `won`): refused, never computed."""
    for m in intent.measures:
        if m.column is None or m.fn not in {"sum", "avg"}:
            continue
        family = catalog.table(m.table).column(m.column).family
        if family != "numeric":
            raise PlanningError(
                f"'{m.fn}' of {m.table}.{m.column}, a {family} column, answers nothing",
                unplaced=[m.column],
                hint="name the number to add up or average",
            )


def one_row_ranked(intent: Intent, catalog: Catalog) -> None:
    """A total over all rows is one row: 'the five biggest orders by value' read as a
    total ranked five times answers nothing that was asked."""
    i = intent
    if i.measures and not i.groups and (i.limit not in (None, 1) or i.order):
        raise PlanningError(
            "the request ranks or limits rows, but the plan computes a single total",
            hint="say what each row is, e.g. 'per customer' or 'each order'",
        )


def realise_named_tables(intent: Intent, catalog: Catalog) -> None:
    """'which department does each project belong to': a table the request names must
    show in the result. Only joined, it would change nothing but the row count, so its
    label is shown; a table without a label is a question for the user."""
    i = intent
    from datamorph.planning.builder import label_of

    used = set(referenced(intent)) | set(i.anti) | {i.preserve} | i.modifiers
    if i.measures:  # "which reps have an average deal amount above 65,000": per rep
        unused = [t for t in i.tables if t not in used]
        if i.having and not i.groups and len(unused) == 1:
            i.groups.append(Group(unused[0]))
        return
    used |= {within[0] for _, _, within in i.versus_average if within is not None}
    whole = not (i.groups or i.columns) and bool(i.tables)
    if whole:
        used.add(i.tables[0])  # the table listed whole
    for table in [t for t in i.tables if t not in used]:
        if any(catalog.join_keys(a, table) for a in i.anti):
            # "agents who never commented on a ticket": the ticket is the excluded
            # comments' own; joined to the agents it would restrict and repeat them
            i.tables.remove(table)
            continue
        label = label_of(catalog.table(table))
        if label is None:
            raise PlanningError(
                f"the request names {table} but says nothing to show or filter of it",
                unplaced=[table],
                hint=f"name a column of {table} to show, or a condition on it",
            )
        if i.groups:
            i.groups.append(Group(table, label))
        else:
            if whole and not i.columns:  # the listed table's own columns come first
                base = catalog.table(i.tables[0])
                i.columns.extend((base.name, c.name) for c in base.columns)
            i.columns.append((table, label))


def periods_measured(intent: Intent, catalog: Catalog) -> None:
    """'awards per month' with nothing to count is a list of months: it answers no question
    the request asked, unless the distinct periods were what it asked for."""
    i = intent
    grains = [g.grain for g in i.groups if g.grain]
    if grains and not (i.measures or i.distinct or i.derived or i.window or i.columns):
        raise PlanningError(
            f"the request groups by {grains[0]} but says nothing to count or total per {grains[0]}",
            unplaced=[grains[0]],
            hint=f"say what to compute, e.g. 'the number of orders per {grains[0]}'",
        )


def ranked_rows(intent: Intent, catalog: Catalog) -> None:
    """The columns a per-group ranking shows: each row's key, its group and the number."""
    rank = intent.rank_within
    if rank is None:
        return
    if isinstance(rank.by, Measure):  # grouped by the group and the ranked entity
        if rank.group not in intent.groups:
            intent.groups.insert(0, rank.group)
        return
    if intent.measures:
        raise PlanningError(
            "the request ranks rows within groups and also aggregates them",
            hint="ask for one: the top rows of each group, or a total per group",
        )
    key = catalog.table(rank.by[0]).entity_key
    wanted = [(rank.by[0], key)] if key else []
    group_table = catalog.table(rank.group.table)
    wanted += [(group_table.name, rank.group.column or group_table.entity_key or ""), rank.by]
    intent.groups = [g for g in intent.groups if g != rank.group]
    for column in wanted:
        if column not in intent.columns:
            intent.columns.append(column)


def rows_not_groups(intent: Intent, catalog: Catalog) -> None:
    """'for each order, compute X': a derived column per row of orders is no grouping."""
    if intent.measures or not intent.derived:
        return
    own = {t for d in intent.derived for t, _ in d.columns}
    intent.groups = [g for g in intent.groups if not (g.column is None and g.table in own)]
    if intent.groups:  # a computed column per row cannot be shown per group
        raise PlanningError(
            f"the request computes {intent.derived[0].name} for each row but also "
            "groups the rows, with nothing to total",
            hint="say what to total or average per group, or drop the grouping",
        )


def referenced(intent: Intent) -> list[str]:
    i = intent
    found = [m.table for m in i.measures] + [g.table for g in i.groups]
    found += [c.table for c in i.filters if c.table] + [t for t, _ in i.columns]
    found += [o.table for o in i.order if o.table]
    return found


def which_names_one(intent: Intent, prompt: str) -> None:
    """'Which shop category had the highest settled amount?' asks for one category; a list of
    every category's largest payment answers another question (and 'highest amount' may be
    the largest payment or the largest total)."""
    asks = prompt.strip().lower().split(" ", 1)[0] in {"which", "what"}
    extremes = [m for m in intent.measures if m.fn in {"max", "min"}]
    if asks and extremes and intent.groups and not (intent.order or intent.limit or intent.having):
        raise PlanningError(
            f"'{prompt.split()[0]}' asks for one group, but the plan lists the {extremes[0].fn}"
            f" of {extremes[0].table}.{extremes[0].column} for every group",
            hint="say 'the highest total ...' or 'the largest single ...', or 'each ... with"
            " its highest ...'",
        )
