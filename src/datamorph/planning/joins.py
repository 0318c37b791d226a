"""Join paths: connect the tables a request mentions through the catalog's keys.

Edges come from `Catalog.join_keys` (declared foreign keys, then names). Neighbours are found
through an index of column names, so a 100-table catalog costs a few lookups, not 4,950 pairs.
Tables a request mentions but cannot connect are reported, never cross-joined.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from datamorph.catalog import Catalog, JoinKey, Table
from datamorph.planning.lexicon import split_name, stem


@dataclass(frozen=True)
class Edge:
    """Join `new` to `known` (already in the tree) on `key`."""

    known: str
    new: str
    key: JoinKey


class JoinGraph:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._by_column: dict[str, set[str]] = {}
        self._by_singular: dict[str, str] = {}
        for table in catalog.tables.values():
            self._by_singular[stem(table.name)] = table.name
            for column in table.columns:
                self._by_column.setdefault(column.name.lower(), set()).add(table.name)
        self._edges: dict[str, dict[str, JoinKey]] = {}

    def neighbours(self, table: str) -> dict[str, JoinKey]:
        if table not in self._edges:
            self._edges[table] = self._find_neighbours(table)
        return self._edges[table]

    def _find_neighbours(self, name: str) -> dict[str, JoinKey]:
        table = self.catalog.table(name)
        candidates: set[str] = set()  # table names
        for column in table.columns:
            lowered = column.name.lower()
            candidates |= self._by_column.get(lowered, set())
            if lowered.endswith("_id"):
                target = self._by_singular.get(stem(lowered[:-3]))
                if target:
                    candidates.add(target)
        for fk in table.foreign_keys:
            candidates.add(self.catalog.table(fk.ref_table).name)
        for other in self.catalog.tables.values():
            if any(fk.ref_table.lower() == name.lower() for fk in other.foreign_keys):
                candidates.add(other.name)
            if stem(name) + "_id" in {c.name.lower() for c in other.columns}:
                candidates.add(other.name)
        candidates.discard(table.name)
        found: dict[str, JoinKey] = {}
        for other_name in sorted(candidates):
            keys = [
                k
                for k in self.catalog.join_keys(table.name, other_name)
                if k.score >= 0.6 and self._one_side_is_a_key(k)
            ]
            if keys:
                found[other_name] = keys[0]
        return found

    def _one_side_is_a_key(self, key: JoinKey) -> bool:
        """Two tables that only share a reference to a third (projects.department_id and
        employees.department_id) are not related row to row: joining them multiplies rows and
        answers another question. An edge needs a key on one side."""
        left, right = self.catalog.table(key.left_table), self.catalog.table(key.right_table)
        return _is_key(left, key.left_column) or _is_key(right, key.right_column)

    def distance(self, table: str, tables: list[str], limit: int = 4) -> int:
        """Joins between `table` and the nearest of `tables` (`limit` when farther)."""
        seen, frontier = {table}, [table]
        for depth in range(limit):
            if any(t in tables for t in frontier):
                return depth
            frontier = [n for t in frontier for n in self.neighbours(t) if n not in seen]
            seen.update(frontier)
        return limit

    def paths(self, tree: set[str], target: str) -> list[list[Edge]]:
        """Every shortest chain from `tree` to `target` (several: the request must say which)."""
        best: list[list[Edge]] = []
        frontier: list[list[Edge]] = [[]]
        seen = set(tree)
        while frontier and not best:
            grown: list[list[Edge]] = []
            reached: set[str] = set()
            for chain in frontier:
                ends = [chain[-1].new] if chain else sorted(tree)
                for end in ends:
                    for other, key in self.neighbours(end).items():
                        if other in seen:
                            continue
                        step = [*chain, Edge(end, other, key)]
                        (best if other == target else grown).append(step)
                        reached.add(other)
            seen |= reached
            frontier = grown
        return best

    def path(self, tree: set[str], target: str) -> list[Edge] | None:
        """Shortest chain of edges from any table of `tree` to `target`."""
        if target in tree:
            return []
        previous: dict[str, tuple[str, JoinKey] | None] = dict.fromkeys(tree)
        queue = deque(sorted(tree))
        while queue:
            current = queue.popleft()
            for other, key in self.neighbours(current).items():
                if other in previous:
                    continue
                previous[other] = (current, key)
                if other == target:
                    return self._unwind(previous, target)
                queue.append(other)
        return None

    @staticmethod
    def _unwind(previous: dict[str, tuple[str, JoinKey] | None], target: str) -> list[Edge]:
        edges = []
        node = target
        while (step := previous[node]) is not None:
            known, key = step
            edges.append(Edge(known, node, key))
            node = known
        return list(reversed(edges))


def _is_key(table: Table, column: str) -> bool:
    """The table's own key, or declared unique: a reference that merely happens to be unique
    in a sample (payments.order_id) does not make two siblings joinable."""
    declared = [table.primary_key, *table.unique_keys]
    single = any(tuple(k.lower() for k in key) == (column.lower(),) for key in declared)
    return column.lower() == (table.entity_key or "").lower() or single


class AmbiguousPath(Exception):
    """Two tables relate through different tables, and the request names none of them."""

    def __init__(self, table: str, choices: list[str]) -> None:
        super().__init__(table)
        self.table, self.choices = table, choices


def connect(
    graph: JoinGraph,
    tables: list[str],
    preferred: list[str] | None = None,
    named: set[str] | None = None,
    said: set[str] | None = None,
) -> tuple[list[Edge], list[str]]:
    """Edges joining all `tables` (first one is the base), and the tables that could not be
    reached. `preferred` column names (from "on customer_id") win when a pair has several keys."""
    if not tables:
        return [], []
    tree, edges, unreachable = {tables[0]}, [], []
    for table in tables[1:]:
        path = graph.path(tree, table)
        if path is None:
            unreachable.append(table)
            continue
        _require_one_way(graph, tree, table, tables)
        if said is not None:
            _require_the_role_said(graph, tree, table, said | {stem(c) for c in preferred or []})
        for edge in path:
            edges.append(_prefer(graph, edge, preferred or [], named or set()))
            tree.add(edge.new)
    return edges, unreachable


def _require_one_way(graph: JoinGraph, tree: set[str], table: str, named: list[str]) -> None:
    """'projects with more than 20 people': people relate to projects through assignments and
    through departments. Unless the request names one way, that is a question, not a guess."""
    if table in tree:
        return
    ways = {tuple(e.new for e in chain[:-1]) for chain in graph.paths(tree, table)}
    if len(ways) > 1 and not any(set(way) & set(named) for way in ways if way):
        raise AmbiguousPath(table, [" and ".join(way) or "a direct key" for way in sorted(ways)])


def _require_the_role_said(graph: JoinGraph, tree: set[str], table: str, said: set[str]) -> None:
    """'matches each player has played': `game_match.host_player_id` joins players to matches
    directly, but as their host, while `match_participation` joins them as players. A key
    named for a role the request does not say, beside a table of pairs that links both, is a
    question."""
    for known in sorted(tree):
        key = graph.neighbours(known).get(table)
        role = _role(graph.catalog, key) if key is not None else set()
        if key is None or not role or _said_as(role, said):
            continue
        bridges = [
            t
            for t in sorted(graph.neighbours(known))
            if t not in tree and t != table and table in graph.neighbours(t) and _links(graph, t)
        ]
        if bridges:
            column = f"{key.left_table}.{key.left_column} = {key.right_table}.{key.right_column}"
            raise AmbiguousPath(table, [column, *bridges])


def _links(graph: JoinGraph, table: str) -> bool:
    """A table whose rows are pairs (`match_participation`, no key of its own), not things of
    their own that happen to point at both (`comment` has its own key)."""
    return len(graph.catalog.table(table).primary_key) != 1


def _said_as(role: set[str], said: set[str]) -> bool:
    """'assigned' says the role of `assignee`; 'hosted' of `host_player_id`."""
    return any(r.startswith(s) or s.startswith(r) for r in role for s in said if len(s) >= 4)


def _role(catalog: Catalog, key: JoinKey) -> set[str]:
    """The words of a key that are not the table it points to: {'host'} for host_player_id."""
    sides = ((key.left_table, key.left_column, key.right_table),
             (key.right_table, key.right_column, key.left_table))  # fmt: skip
    for table, column, other in sides:
        if _is_key(catalog.table(table), column):
            continue
        return {stem(w) for w in role_words(column, other)}
    return set()


def role_words(column: str, target: str) -> set[str]:
    """The words of a key to `target` that name a role, not the target: {'approved'} for
    `approved_by_driver_id` to drivers, {'host'} for `host_player_id` to player_account."""
    plain = {stem(w) for w in split_name(target)} | {"id", "by", "of"}
    return {w for w in split_name(column) if stem(w) not in plain}


def _prefer(graph: JoinGraph, edge: Edge, preferred: list[str], named: set[str]) -> Edge:
    """The key to join on: the one the request names ('on customer_id', 'origin airport');
    two declared keys between the same tables and none named is a question, not a pick."""
    keys = [
        k
        for k in graph.catalog.join_keys(edge.known, edge.new)
        if k.score >= 0.6 and graph._one_side_is_a_key(k)
    ]
    columns = {(k.left_column.lower(), k.right_column.lower()) for k in keys}
    for key in keys:
        if key.left_column.lower() in preferred and key.right_column.lower() in preferred:
            return Edge(edge.known, edge.new, key)
    if len(columns) <= 1:
        return edge
    chosen = [k for k in keys if {k.left_column.lower(), k.right_column.lower()} & named]
    chosen = [k for k in chosen if not _both_keys_named(k, keys, named)]
    if len({(k.left_column, k.right_column) for k in chosen}) == 1:
        return Edge(edge.known, edge.new, chosen[0])
    raise AmbiguousPath(
        edge.new,
        [f"{k.left_table}.{k.left_column} = {k.right_table}.{k.right_column}" for k in keys],
    )


def _both_keys_named(key: JoinKey, keys: list[JoinKey], named: set[str]) -> bool:
    """A column shared by every candidate key (airports.airport_id) names none of them."""
    shared = set.intersection(*({k.left_column.lower(), k.right_column.lower()} for k in keys))
    return not ({key.left_column.lower(), key.right_column.lower()} - shared) & named
