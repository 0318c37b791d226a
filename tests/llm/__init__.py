"""The LLM providers through the real SDKs, against local servers that speak each protocol.

Nothing here reaches the network: this package's conftest.py installs the network guard
(offline switch + socket guard) for each module, in addition to any session-wide install in
tests/conftest.py.
"""
