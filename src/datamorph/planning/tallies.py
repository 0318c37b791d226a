"""Two counts of one table in one request: 'for each zone, how many bins are there and how
many of them are blocked'. The second count is of the rows for which its condition holds,
beside the first, not a filter on both: the condition becomes a conditional count
(`sum(CASE WHEN ... THEN 1 ELSE 0 END)`), and the rows stay whole for the first count.
"""

from __future__ import annotations

import re

from datamorph.planning.intent import Condition, Derived, Intent, Measure
from datamorph.planning.lexicon import Lexicon
from datamorph.planning.linking import Item
from datamorph.planning.util import add_measure

_COUNT_WORDS = frozenset({"how many", "number of", "count of", "count"})
_OF_THEM = frozenset({"them", "those", "these", "which"})


def conditional_counts(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    counts = [i for i, x in enumerate(items) if x.kind == "kw" and x.text in _COUNT_WORDS]
    if len(counts) != 2 or not _of_them(items, counts[1]):
        return
    measures = [m for m in intent.measures if m.fn == "count" and m.derived is None]
    if len(measures) != 1:
        return
    table = measures[0].table
    after = [
        k
        for k, words in enumerate(intent.filter_words)
        if words
        and max(words) > counts[1]
        and intent.filters[k].table == table
        and intent.filters[k].column
    ]
    later = [w for w in intent.filter_words if w and max(w) > counts[1]]
    if not after or len(after) != len(later):
        return  # a condition after the second count that is not of the counted rows
    picked = [intent.filters[k] for k in after]
    columns = [(c.table or "", c.column or "") for c in picked]
    tests = " AND ".join(
        f"({c.sql_template.format(col=f'{{c{n}}}')})" for n, c in enumerate(picked)
    )
    name = "_".join(_said_value(c) for c in picked) + f"_{table}_count"
    flag = Derived(name, f"CASE WHEN {tests} THEN 1 ELSE 0 END", columns)
    intent.retracted += picked
    for k in sorted(after, reverse=True):
        del intent.filters[k]
        del intent.filter_words[k]
    items[counts[1]].used = True
    measure = add_measure(intent, Measure("sum", table, None, derived=flag))
    measure.name = name
    said = " ".join(f'"{x.text}"' for x in items[counts[1] :] if x.used and x.kind != "filler")
    held = " and ".join(c.sql_template.format(col=f"{c.table}.{c.column}") for c in picked)
    intent.revisions.append(
        f"{said} -> measure {name} = the number of {table} rows where {held}, beside the "
        f"count of all of them (no rows are filtered out)"
    )


def _of_them(items: list[Item], i: int) -> bool:
    """'how many of them', 'how many of those': the second count is of the first one's rows."""
    following = [x.text for x in items[i + 1 : i + 3]]
    return len(following) == 2 and following[0] == "of" and following[1] in _OF_THEM


def _said_value(condition: Condition) -> str:
    """'express' for service = 'express', 'is_blocked' for a flag: the count's name."""
    found = re.search(r"= '([^']+)'", condition.sql_template)
    text = found.group(1) if found else condition.column or "matching"
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "matching"
