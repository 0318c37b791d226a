"""Plan from sources, not from DataMorph's own outputs.

Tables that runs published into a database are in its catalog like any other; a later request
that does not name one must not read it as a source ("total per customer" joined with the
published `total_amount_by_customers` gives `total_total_amount`). The run store knows which
tables those are (the targets of its completed runs).
"""

from __future__ import annotations

import re

from datamorph.catalog import Catalog


def sources_only(catalog: Catalog, prompt: str, published: set[str]) -> tuple[Catalog, list[str]]:
    """The catalog without the published tables the request does not name, and their names."""
    text = prompt.lower()
    hidden = [
        name
        for name in catalog.tables
        if name.lower() in published
        and not re.search(rf"\b{re.escape(name.lower())}\b", text)
        and name.lower().replace("_", " ") not in text
    ]
    if not hidden:
        return catalog, []
    kept = [table for name, table in catalog.tables.items() if name not in hidden]
    return Catalog.of(kept, catalog.functions, catalog.dialect), sorted(hidden)
