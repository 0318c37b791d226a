"""No test reaches the network: install once per test process (see tests/conftest.py).

`install()` turns on DataMorph's offline switch (providers refuse non-loopback base URLs before
connecting; `DATAMORPH_OFFLINE=1` carries it to subprocesses) and the socket guard (any
connect to a non-loopback address raises `NetworkDisabledError`). It returns the function that
undoes what this call changed, so a test module can install it for itself too.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from datamorph.llm import network


def install() -> Callable[[], None]:
    was_forbidden = network.forbid_network()
    previous_env = os.environ.get(network.OFFLINE_ENV)
    os.environ[network.OFFLINE_ENV] = "1"
    uninstall_guard = network.install_socket_guard()

    def undo() -> None:
        uninstall_guard()
        network.forbid_network(was_forbidden)
        if previous_env is None:
            os.environ.pop(network.OFFLINE_ENV, None)
        else:
            os.environ[network.OFFLINE_ENV] = previous_env

    return undo
