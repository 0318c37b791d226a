"""The confidence gate: act at or above the threshold, escalate below it.

Strategies that change data, schema or credentials need more: a stricter threshold, or the
person's approval given up front (`--approve deduplicate`). Raising permissions is not a
strategy at all: a permission failure always escalates with what would be needed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_THRESHOLD = 0.75
STRICT_THRESHOLD = 0.90
# What a strategy changes decides how sure the monitor must be before it acts.
SENSITIVE_CHANGES = frozenset({"data", "schema", "credentials"})


@dataclass(frozen=True)
class GatePolicy:
    threshold: float = DEFAULT_THRESHOLD
    strict_threshold: float = STRICT_THRESHOLD
    approved: frozenset[str] = field(default_factory=frozenset)  # strategies pre-approved

    def required(self, changes: str) -> float:
        return self.strict_threshold if changes in SENSITIVE_CHANGES else self.threshold

    def verdict(self, strategy: str, changes: str, confidence: float) -> tuple[bool, str]:
        """(act?, why) for a strategy that changes `changes` at this confidence."""
        if confidence < self.threshold:
            shown = _below(confidence, self.threshold)
            return False, f"confidence {shown} is below the threshold {self.threshold:.2f}"
        needed = self.required(changes)
        if confidence >= needed:
            return True, f"confidence {confidence:.2f} >= {needed:.2f}"
        if strategy in self.approved:
            return True, f"{strategy} changes {changes}; approved in advance"
        return False, (
            f"{strategy} changes {changes} and needs confidence {needed:.2f} "
            f"(got {confidence:.2f}) or approval (--approve {strategy})"
        )


def _below(confidence: float, threshold: float) -> str:
    """A confidence just under the threshold, with the digits that show it is under
    (0.7496 is "0.7496", not "0.75" beside a threshold of 0.75)."""
    for digits in range(2, 6):
        text = f"{confidence:.{digits}f}"
        if float(text) < threshold:
            return text
    return f"{confidence:.6f}"
