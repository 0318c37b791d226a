"""The slice of the catalog put in a planning prompt: all of it when small, the relevant part
when large.

Up to `WHOLE_CATALOG_TABLES` tables, every table goes in. Beyond that, tables are retrieved:
BM25 over table and column names (split on `_`, stemmed, the table's own name counted twice),
then the tables that connect the best matches (shortest key paths) and the lookup tables the
matches reference, capped at `max_tables`. Wide tables keep their keys and the columns the
request names. With `samples=False` no value from the data is rendered (no sample rows, no
profile values): only names and types leave the machine.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, deque
from dataclasses import dataclass

from datamorph.catalog import Catalog, Column, Table
from datamorph.planning.lexicon import key_of, split_name

WHOLE_CATALOG_TABLES = 30
MAX_SAMPLE_ROWS = 3
MAX_VALUE_CHARS = 24
MAX_TOP_VALUES = 5
MAX_CODE_VALUES = 30
NAMES_CHARS = 3_000
MIN_JOIN_SCORE = 0.85  # declared keys, and names that point at a key; not look-alike columns
SEED_SHARE = 0.5  # of the best score: a close match, worth a place
_K1, _B = 1.2, 0.75
_WORD = re.compile(r"[a-z0-9]+")
_STOP_WORDS = """a an and are as at be by each every for from get give how i in into is it list
me my of on or per show that the their them this to want what which with"""
_STOP = frozenset(_STOP_WORDS.split())


@dataclass(frozen=True)
class CatalogContext:
    text: str
    tables: list[str]
    tokens: int
    total_tables: int = 0


def estimate_tokens(text: str) -> int:
    """Tokens a model will count for `text`: the usual ~4 characters per token of English and
    code. A heuristic (no tokenizer is shipped), good to ±20% for budgets and benchmarks."""
    return math.ceil(len(text) / 4)


@functools.lru_cache(maxsize=65_536)  # column names repeat across tables and calls
def terms(text: str) -> tuple[str, ...]:
    """Stemmed words of free text or of a snake_case name (`order_items` -> order, item)."""
    words = _WORD.findall(text.lower().replace("_", " "))
    return key_of(tuple(w for w in words if w not in _STOP))


def build_context(
    prompt: str,
    catalog: Catalog,
    *,
    samples: bool = True,
    max_tables: int = 12,
    max_columns: int = 16,
) -> CatalogContext:
    tables = list(catalog.tables.values())
    graph = KeyGraph(catalog)
    query = list(terms(prompt))
    if len(tables) <= WHOLE_CATALOG_TABLES:
        chosen, wide_limit = [t.name for t in tables], max(max_columns, 40)
    else:
        chosen, wide_limit = select_tables(query, catalog, graph, max_tables), max_columns
    blocks = []
    for name in chosen:
        table = catalog.table(name)
        columns = _keep_columns(catalog, graph, table, query, chosen, wide_limit)
        blocks.append(render_table(table, columns, samples))
    header = _header(len(chosen), len(tables))
    if not chosen and tables:  # nothing matched by name: the names, so the model can map words
        header += "\n" + _clip(", ".join(t.name for t in tables), NAMES_CHARS)
    joins = _render_joins(catalog, graph, chosen)
    text = "\n".join([header, *blocks, *joins])
    return CatalogContext(text, chosen, estimate_tokens(text), len(tables))


# ---- retrieval -------------------------------------------------------------------------------


def table_terms(table: Table) -> list[str]:
    name = list(terms(table.name))
    return name + name + [t for c in table.columns for t in terms(c.name)]


def bm25_scores(query: list[str], catalog: Catalog) -> dict[str, float]:
    docs = {t.name: Counter(table_terms(t)) for t in catalog.tables.values()}
    if not docs:
        return {}
    average = sum(sum(d.values()) for d in docs.values()) / len(docs)
    frequency = Counter(term for doc in docs.values() for term in doc)
    scores = {}
    for name, doc in docs.items():
        length = sum(doc.values())
        score = 0.0
        for term in set(query):
            tf = doc.get(term, 0)
            if tf:
                idf = math.log(1 + (len(docs) - frequency[term] + 0.5) / (frequency[term] + 0.5))
                score += idf * tf * (_K1 + 1) / (tf + _K1 * (1 - _B + _B * length / average))
        # A table whose whole name is asked for ("orders") beats one that shares a word.
        name_terms = set(terms(name))
        if score and name_terms and name_terms <= set(query):
            score *= 1.5
        scores[name] = score
    return scores


class KeyGraph:
    """Which table references which, by declared foreign keys and by key names
    (`orders.customer_id` -> `customers`), found through a column index, not all pairs."""

    def __init__(self, catalog: Catalog) -> None:
        by_key: dict[str, set[str]] = {}
        by_stem: dict[tuple[str, ...], str] = {}
        for table in catalog.tables.values():
            by_stem[key_of(split_name(table.name))] = table.name
            if len(table.primary_key) == 1:
                by_key.setdefault(table.primary_key[0].lower(), set()).add(table.name)
        self.refs: dict[str, set[str]] = {name: set() for name in catalog.table_names}
        for table in catalog.tables.values():
            for fk in table.foreign_keys:
                if catalog.has_table(fk.ref_table):
                    self.refs[table.name].add(catalog.table(fk.ref_table).name)
            for column in (c.name.lower() for c in table.columns):
                targets = set(by_key.get(column, ()))
                named = (
                    by_stem.get(key_of(split_name(column[:-3]))) if column.endswith("_id") else None
                )
                if named and catalog.table(named).has_column("id"):
                    targets.add(named)
                self.refs[table.name] |= targets - {table.name}
        self.links: dict[str, set[str]] = {name: set(r) for name, r in self.refs.items()}
        for name, targets in self.refs.items():
            for target in targets:
                self.links[target].add(name)

    def path(self, start: set[str], goal: str, max_hops: int = 3) -> list[str] | None:
        """Tables on a shortest path from any of `start` to `goal` (without the start)."""
        previous: dict[str, str | None] = dict.fromkeys(sorted(start))
        queue = deque((name, 0) for name in sorted(start))
        while queue:
            current, hops = queue.popleft()
            if current == goal:
                chain = []
                node: str | None = current
                while node is not None and node not in start:
                    chain.append(node)
                    node = previous[node]
                return chain[::-1]
            if hops < max_hops:
                for other in sorted(self.links[current] - previous.keys()):
                    previous[other] = current
                    queue.append((other, hops + 1))
        return None


def select_tables(query: list[str], catalog: Catalog, graph: KeyGraph, cap: int) -> list[str]:
    """The tables the request names, then the best matches, joined up; then what they look
    up (their referenced tables) and close matches, up to `cap`."""
    scores = bm25_scores(query, catalog)
    ranked = [n for n in sorted(scores, key=lambda n: (-scores[n], n)) if scores[n] > 0]
    if not ranked:
        return []
    top = scores[ranked[0]]
    named = [n for n in ranked if set(terms(n)) <= set(query)]
    close = [n for n in ranked[:2] if scores[n] >= SEED_SHARE * top and n not in named]
    seeds = (named + close)[: max(2, cap // 2)]
    chosen = [seeds[0]]
    for seed in seeds[1:]:  # connect the seeds, so the join path is on the page
        path = graph.path(set(chosen), seed) or [seed]
        chosen += [n for n in path if n not in chosen][: cap - len(chosen)]
    lookups = {ref for name in seeds for ref in graph.refs[name]}
    extra = [n for n in ranked if n not in chosen and scores[n] >= SEED_SHARE * top]
    extra += sorted(lookups - set(chosen) - set(extra))
    return chosen + extra[: max(0, cap - len(chosen))]


def _keep_columns(
    catalog: Catalog,
    graph: KeyGraph,
    table: Table,
    query: list[str],
    chosen: list[str],
    limit: int,
) -> list[Column]:
    """All columns of a narrow table; of a wide one its keys, then the columns the request
    names (a word rare among the table's columns counts more), then the first ones."""
    if len(table.columns) <= limit:
        return list(table.columns)
    keys = {k.lower() for k in table.primary_key}
    keys |= {c.lower() for fk in table.foreign_keys for c in fk.columns}
    for other in graph.links[table.name] & set(chosen):
        joins = catalog.join_keys(table.name, other)
        keys |= {k.left_column.lower() for k in joins if k.score >= MIN_JOIN_SCORE}
    words = {c.name: set(terms(c.name)) & set(query) for c in table.columns}
    spread = Counter(w for found in words.values() for w in found)

    def relevance(column: Column) -> float:
        key = 10.0 if column.name.lower() in keys else 0.0
        return key + sum(1 / spread[w] for w in words[column.name])

    best = sorted(table.columns, key=lambda c: -relevance(c))[:limit]  # stable: first ones win
    return [c for c in table.columns if c in best]


# ---- rendering -------------------------------------------------------------------------------


def _header(shown: int, total: int) -> str:
    if total <= WHOLE_CATALOG_TABLES:
        return f"Catalog ({total} tables; types are DuckDB types):"
    if not shown:
        return f"Catalog: {total} tables, none named by the request; their names:"
    return (
        f"Catalog: the {shown} of {total} tables most relevant to the request "
        "(use only these; types are DuckDB types):"
    )


def render_table(table: Table, columns: list[Column], samples: bool) -> str:
    rows = f"{table.row_count:,} rows" if table.row_count is not None else "rows unknown"
    cols = ", ".join(_render_column(table, c, samples) for c in columns)
    hidden = len(table.columns) - len(columns)
    more = f", ... (+{hidden} more columns)" if hidden else ""
    lines = [f"{table.name}({rows}): {cols}{more}"]
    if samples and table.samples:
        values = [
            "(" + ", ".join(_value(row.get(c.name)) for c in columns) + ")"
            for row in table.samples[:MAX_SAMPLE_ROWS]
        ]
        lines.append("  e.g. " + "; ".join(values))
    return "\n".join(lines)


def _render_column(table: Table, column: Column, samples: bool) -> str:
    parts = [column.name, column.type.lower()]
    if column.name.lower() in (k.lower() for k in table.primary_key):
        parts.append("pk")
    for fk in table.foreign_keys:
        if len(fk.columns) == 1 and fk.columns[0].lower() == column.name.lower():
            ref = fk.ref_columns[0] if fk.ref_columns else "id"
            parts.append(f"fk->{fk.ref_table}.{ref}")
    if samples and _is_code(column) and column.profile:
        parts.append("{" + "|".join(column.profile.top_values[:MAX_TOP_VALUES]) + "}")
    return " ".join(parts)


def _is_code(column: Column) -> bool:
    """A text column with few values (status, segment): its values let the model write
    filters on it."""
    profile = column.profile
    return bool(
        profile
        and profile.top_values
        and column.family == "text"
        and (profile.distinct_count or 0) <= MAX_CODE_VALUES
    )


def _value(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return repr(_clip(value, MAX_VALUE_CHARS))
    return _clip(str(value), MAX_VALUE_CHARS)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _render_joins(catalog: Catalog, graph: KeyGraph, chosen: list[str]) -> list[str]:
    lines = []
    for i, left in enumerate(chosen):
        for right in chosen[i + 1 :]:
            if right not in graph.links[left]:
                continue
            keys = [k for k in catalog.join_keys(left, right) if k.score >= MIN_JOIN_SCORE]
            if keys:
                lines.append(f"  {left}.{keys[0].left_column} = {right}.{keys[0].right_column}")
    return ["Likely joins:", *lines] if lines else []
