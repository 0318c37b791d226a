"""A spec from what a caller has at hand: a Spec, a dict, JSON text or a JSON file. Here, not
in the runner, so that commands that only read a spec (compile, validate) load no run store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datamorph.spec.model import Spec


def load_spec(spec: Spec | dict[str, Any] | str | Path) -> Spec:
    """A checked `Spec` from `spec`: a Spec, a dict, a JSON string, or a path to a JSON file.
    Raises `UsageError` (one line, naming the field) when it does not check.

        spec = datamorph.load_spec("spec.json")
    """
    if isinstance(spec, Spec):
        return spec
    if isinstance(spec, dict):
        return Spec.from_dict(spec)
    text = str(spec)
    if isinstance(spec, Path) or not text.lstrip().startswith("{"):
        return Spec.load(text)
    return Spec.from_json(text)
