"""Self-healing: classify a failure, fix the code (never the checks), try again."""

from datamorph.healing.failure import Failure, classify
from datamorph.healing.fix import Fix, FixRequest
from datamorph.healing.remediate import MAX_ITERATIONS, Remediator

__all__ = ["MAX_ITERATIONS", "Failure", "Fix", "FixRequest", "Remediator", "classify"]
