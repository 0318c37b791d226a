"""The HTTP service and web page: `create_app(ServiceSettings(...))`, served by `datamorph serve`.

The routes are a thin layer over the library (`datamorph.run`, `datamorph.runner.plan`, the
engines and the run store); errors are converted to JSON at the edge (`errors.py`).
"""

from datamorph.api.app import create_app
from datamorph.api.settings import ServiceSettings

__all__ = ["ServiceSettings", "create_app"]
