"""WordNet is read by seeking shared files: the service plans in several worker threads at
once, and a read must never see another thread's seek."""

from __future__ import annotations

import threading

import pytest

from datamorph.planning.wordnet import wordnet

WORDS = ["payment", "ride", "trip", "customer", "employee", "staff", "fleet", "claim", "order"]


@pytest.mark.skipif(wordnet() is None, reason="Debian's wordnet-base is not installed")
def test_readings_in_parallel_threads_equal_the_readings_of_one() -> None:
    net = wordnet()
    assert net is not None
    alone = {
        w: (sorted(net.synonyms(w)), sorted(o for _, o in net.generalisations(w))) for w in WORDS
    }
    seen: list[dict[str, object]] = []
    errors: list[str] = []

    def read() -> None:
        try:
            for _ in range(30):
                seen.append(
                    {
                        w: (sorted(net.synonyms(w)), sorted(o for _, o in net.generalisations(w)))
                        for w in WORDS
                    }
                )
        except Exception as error:  # a torn read raises: parsing a line from another offset
            errors.append(repr(error))

    threads = [threading.Thread(target=read) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert all(reading == alone for reading in seen)
