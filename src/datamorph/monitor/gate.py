"""The confidence gate: act at or above the threshold, escalate below it.

Confidence says the monitor read the failure right; it never says a person would agree to the
cure. A strategy that changes data, schema or configuration therefore acts only with the
person's approval, given up front for this run (`--approve deduplicate`) or for the project
(`[policy] approve = ["deduplicate"]` in datamorph.toml), however sure the monitor is.
Credentials are re-read only at the stricter threshold. Raising permissions is not a strategy
at all: a permission failure always escalates with what would be needed.

What needs no approval: the code (fixes are validated against the spec before anything is
published), the plan (re-planned from the person's own prompt, checked and validated again),
waiting, and the run's own engine resources (`scale`: memory limit, threads and spill folder of
this run's connection or session, gone when the run ends; nothing the person wrote changes).
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_THRESHOLD = 0.75
STRICT_THRESHOLD = 0.90
# What a strategy changes decides what it needs before it acts.
NEEDS_APPROVAL = frozenset({"data", "schema", "configuration"})
STRICT_CHANGES = frozenset({"credentials"})
POLICY_FILE = "datamorph.toml"


@dataclass(frozen=True)
class GatePolicy:
    threshold: float = DEFAULT_THRESHOLD
    strict_threshold: float = STRICT_THRESHOLD
    approved: frozenset[str] = field(default_factory=frozenset)  # --approve, for this run
    project: frozenset[str] = field(default_factory=frozenset)  # [policy] approve, in the file

    def required(self, changes: str) -> float:
        return self.strict_threshold if changes in STRICT_CHANGES else self.threshold

    def verdict(self, strategy: str, changes: str, confidence: float) -> tuple[bool, str]:
        """(act?, why) for a strategy that changes `changes` at this confidence."""
        if confidence < self.threshold:
            shown = _below(confidence, self.threshold)
            return False, f"confidence {shown} is below the threshold {self.threshold:.2f}"
        if changes in NEEDS_APPROVAL:
            return self._approval(strategy, changes, confidence)
        needed = self.required(changes)
        if confidence >= needed:
            return True, f"confidence {confidence:.2f} >= {needed:.2f}"
        return False, (
            f"{strategy} changes {changes} and needs confidence {needed:.2f} (got {confidence:.2f})"
        )

    def _approval(self, strategy: str, changes: str, confidence: float) -> tuple[bool, str]:
        if strategy in self.approved:
            return True, f"{strategy} changes {changes}; approved for this run (--approve)"
        if strategy in self.project:
            return True, f"{strategy} changes {changes}; approved by the project ({POLICY_FILE})"
        return (
            False,
            f"{strategy} changes {changes}, so it waits for approval: {how_to_approve(strategy)}",
        )


def project_approvals() -> frozenset[str]:
    """The strategies the project's configuration approves (`[policy] approve` in
    datamorph.toml, or DATAMORPH_APPROVE), read when the monitor decides."""
    from datamorph.config import approved_strategies

    return approved_strategies()


def how_to_approve(strategy: str) -> str:
    """The two ways a person lets `strategy` act, as they would type them."""
    return (
        f"run again with `--approve {strategy}`, or allow it for the project with "
        f'`approve = ["{strategy}"]` under [policy] in {POLICY_FILE}'
    )


def _below(confidence: float, threshold: float) -> str:
    """A confidence just under the threshold, with the digits that show it is under
    (0.7496 is "0.7496", not "0.75" beside a threshold of 0.75)."""
    for digits in range(2, 6):
        text = f"{confidence:.{digits}f}"
        if float(text) < threshold:
            return text
    return f"{confidence:.6f}"
