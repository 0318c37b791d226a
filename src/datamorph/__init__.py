"""DataMorph: plain-English requests to validated, self-healing ETL pipelines.

import datamorph
result = datamorph.run("spec.json", database="shop.duckdb")   # a spec file
result = datamorph.run("top 5 customers by revenue")          # or a request in English
planned = datamorph.plan("total amount per customer")         # the spec and its reading
result.to_pandas()
"""

from datamorph.runner import PlanResult, RunResult, load_spec, plan, rerun, run
from datamorph.spec import Spec

__version__ = "0.1.0"
__all__ = ["PlanResult", "RunResult", "Spec", "__version__", "load_spec", "plan", "rerun", "run"]
