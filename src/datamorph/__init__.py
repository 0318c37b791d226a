"""DataMorph: plain-English requests to validated, self-healing ETL pipelines.

import datamorph
result = datamorph.run("spec.json", database="shop.duckdb")   # a spec file
result = datamorph.run("top 5 customers by revenue")          # or a request in English
planned = datamorph.plan("total amount per customer")         # the spec and its reading
answer = datamorph.query("SELECT count(*) FROM orders")       # one read-only SELECT
result.to_pandas()
"""

from datamorph.query import QueryAnswer, query
from datamorph.runner import PlanResult, RunResult, load_spec, plan, rerun, run
from datamorph.spec import Spec

__version__ = "0.1.0"
__all__ = [
    "PlanResult",
    "QueryAnswer",
    "RunResult",
    "Spec",
    "__version__",
    "load_spec",
    "plan",
    "query",
    "rerun",
    "run",
]
