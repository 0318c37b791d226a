"""'right now', 'at the moment', 'currently': words that ask nothing of a table without a
period of validity ("what state is order 1500 in right now?" reads its status column), but
that ask for a state on a table whose rows end (a ban with an end, an exhibition with a closing
date, a membership that lapses). There, a plan with no condition on that table answers for
every row that ever was, so the words stay unplaced and the request is refused."""

from __future__ import annotations

from datamorph.catalog import Table
from datamorph.planning.identifiers import abbreviates
from datamorph.planning.intent import Condition, Intent
from datamorph.planning.lexicon import Lexicon, split_name, stem
from datamorph.planning.linking import Item

NOW_WORDS = frozenset({"right now", "at the moment", "at present", "currently", "now", "presently"})
# Words of a date column that ends a row's validity: `ban_end_at`, `closesOn`, `left_dt`.
_ENDING = frozenset(
    stem(w)
    for w in """end ended ends ending until expires expiry expiration expire expired closes
    closed close closing left leaving terminated termination cancelled canceled revoked lifted
    discharged released retired withdrawn withdrawal lapsed lapse valid thru through due""".split()  # noqa: SIM905
)


# Words of a column whose value is a row's state: a filter on it may say "as of now".
_STATE = frozenset("status state active current valid live open".split())  # noqa: SIM905


def now_words(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    bounded = [t for t in intent.tables if _ends(lexicon.catalog.table(t))]
    if not bounded or any(_says_when(c, lexicon) for c in intent.filters if c.table in bounded):
        return
    for item in items:
        if item.kind == "filler" and item.text in NOW_WORDS and not item.used:
            item.kind = "word"  # the state as of now, which no condition of the plan says


def _says_when(condition: Condition, lexicon: Lexicon) -> bool:
    """A filter that can say 'as of now': on a date, a state, a flag, or the row's own key."""
    table = lexicon.catalog.table(condition.table or "")
    if condition.column is None:
        return True  # an expression over several columns: not second-guessed here
    column = table.column(condition.column)
    words = split_name(column.name)
    return (
        column.family in {"temporal", "boolean"}
        or any(stem(w) in _STATE or any(abbreviates(w, s) for s in _STATE) for w in words)
        or table.primary_key == (column.name,)
    )


def _ends(table: Table) -> bool:
    return any(
        column.family == "temporal" and {stem(w) for w in split_name(column.name)} & _ENDING
        for column in table.columns
    )


def still_a_state(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'recruiters who are still active': 'still' says the state holds now, which the filter
    the state became (`is_active = true`) already says."""
    filtered = {(c.table, c.column) for c in intent.filters}
    for i, item in enumerate(items[:-1]):
        after = items[i + 1]
        if item.used or item.text != "still" or not after.used:
            continue
        if any((r.table, r.column) in filtered for r in after.refs if r.column):
            item.used = True
