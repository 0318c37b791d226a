"""DataMorph: plain-English requests to validated, self-healing ETL pipelines.

import datamorph
result = datamorph.run("spec.json", database="shop.duckdb")
result.to_pandas()
"""

from datamorph.runner import RunResult, load_spec, rerun, run
from datamorph.spec import Spec

__version__ = "0.1.0"
__all__ = ["RunResult", "Spec", "__version__", "load_spec", "rerun", "run"]
