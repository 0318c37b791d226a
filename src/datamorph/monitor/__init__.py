"""The monitor: classify failures, decide, act, verify, remember."""
