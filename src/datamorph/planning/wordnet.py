"""WordNet 3.0, read where the system keeps it: synonyms, base forms and more general words.

The offline planner links a request's words to the catalog with it ("clients" is `customers`,
"staff" is `employees`, "bought" is "buy"), so no vocabulary is written for one schema.

The database is Princeton WordNet 3.0 as Debian's `wordnet-base` package installs it
(`/usr/share/wordnet`; another folder with `DATAMORPH_WORDNET`). Its index and exception files
are sorted, so a word is found by binary search on the open file: no load time and no memory
for the 150,000 entries (nltk's reader imports in about 1.4 s and reads whole index files,
which every `datamorph run` would pay). Without the database the planner still works, linking
only names, word forms and values, and refuses what needs a synonym.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO

DEFAULT_FOLDER = "/usr/share/wordnet"
POS = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# Morphy's detachment rules (wndb(5), morphy(7WN)): suffix -> replacement, per part of speech.
_RULES = {
    "n": [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
          ("men", "man"), ("ies", "y")],
    "v": [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""),
          ("ing", "e"), ("ing", "")],
    "a": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "r": [],
}  # fmt: skip
# Past the first few senses WordNet's meanings are rare ones ("client" as a computer program
# is sense 3): linking only trusts the common ones.
MAX_SENSES = 2
MAX_HYPERNYM_DEPTH = 6
# English plurals that are their own WordNet entries with another meaning ("people" is a
# group, not the plural of "person" there).
_IRREGULAR_PLURALS = {"people": "person", "folks": "person"}


def folder() -> Path | None:
    from datamorph.config import wordnet_folder  # DATAMORPH_WORDNET, or `wordnet` in a file

    path = wordnet_folder() or Path(DEFAULT_FOLDER)
    return path if (path / "index.noun").exists() else None


def _search(handle: IO[bytes], key: str) -> str | None:
    """The line of a sorted WordNet file whose first field is `key` (binary search)."""
    wanted = key.encode()
    handle.seek(0, os.SEEK_END)
    low, high = 0, handle.tell()
    while low < high:
        middle = (low + high) // 2
        handle.seek(middle)
        if middle:
            handle.readline()  # to the start of the next line
        line = handle.readline()
        word = line.split(b" ", 1)[0]
        if not line or wanted < word:
            high = middle
        elif wanted > word:
            low = middle + 1
        else:
            return line.decode("utf-8", "replace")
    handle.seek(low)
    if low:
        handle.readline()
    line = handle.readline()
    return line.decode("utf-8", "replace") if line.split(b" ", 1)[0] == wanted else None


class WordNet:
    def __init__(self, root: Path) -> None:
        self.root = root
        # Reading seeks a shared handle: each thread (the service plans in workers) has its own
        self._local = threading.local()

    def _file(self, name: str) -> IO[bytes]:
        files: dict[str, IO[bytes]] | None = getattr(self._local, "files", None)
        if files is None:
            files = self._local.files = {}
        if name not in files:
            files[name] = (self.root / name).open("rb")
        return files[name]

    def _index(self, lemma: str, pos: str) -> list[str]:
        """Synset offsets of `lemma` (most frequent sense first)."""
        line = _search(self._file(f"index.{POS[pos]}"), lemma)
        if line is None or line.startswith("  "):
            return []
        fields = line.split()
        synsets = int(fields[2])
        return fields[-synsets:]

    def base_forms(self, word: str, pos: str) -> list[str]:
        """Morphy: 'bought' -> buy, 'clients' -> client, 'smokers' -> smoker."""
        word = word.lower().replace(" ", "_")
        found: list[str] = (
            [_IRREGULAR_PLURALS[word]] if pos == "n" and word in _IRREGULAR_PLURALS else []
        )
        exception = _search(self._file(f"{POS[pos]}.exc"), word)
        if exception:
            found += exception.split()[1:]
        if self._index(word, pos):
            found.append(word)
        for suffix, replacement in _RULES[pos]:
            if word.endswith(suffix) and len(word) > len(suffix) + 1:
                candidate = word[: len(word) - len(suffix)] + replacement
                if self._index(candidate, pos):
                    found.append(candidate)
        return list(dict.fromkeys(found))

    def _synset(self, offset: str, pos: str) -> tuple[list[str], list[str]]:
        """(lemmas, hypernym offsets) of one synset."""
        handle = self._file(f"data.{POS[pos]}")
        handle.seek(int(offset))
        fields = handle.readline().decode("utf-8", "replace").split(" | ", 1)[0].split()
        count = int(fields[3], 16)
        lemmas = [fields[4 + 2 * i].lower() for i in range(count)]
        rest = fields[4 + 2 * count :]
        pointers = int(rest[0])
        hypernyms = [
            rest[2 + 4 * i]
            for i in range(pointers)
            if rest[1 + 4 * i] in {"@", "@i"} and rest[3 + 4 * i] == pos
        ]
        return [_clean(lemma) for lemma in lemmas], hypernyms

    def related_forms(self, word: str, pos: str) -> set[str]:
        """Derivationally related words of `word` itself: 'terminated' -> termination,
        'borrow' -> borrower (lexical pointers, so not the synonyms of those words)."""
        return self._lexical_pointers(word, pos, "+")

    def members(self, word: str) -> set[str]:
        """What a collective noun is made of: 'staff' -> staffer, 'fleet' -> aircraft."""
        found: set[str] = set()
        for offset in self.senses(word, "n", limit=MAX_SENSES):
            handle = self._file("data.noun")
            handle.seek(int(offset))
            fields = handle.readline().decode("utf-8", "replace").split(" | ", 1)[0].split()
            count = int(fields[3], 16)
            rest = fields[4 + 2 * count :]
            for i in range(int(rest[0])):
                symbol, target, target_pos = rest[1 + 4 * i : 4 + 4 * i]
                if symbol == "%m" and target_pos == "n":
                    found.update(self._synset(target, "n")[0])
        return found

    def antonyms(self, word: str, pos: str = "a") -> set[str]:
        """Opposites of `word` itself: 'open' -> closed, 'paid' -> unpaid."""
        return self._lexical_pointers(word, pos, "!")

    def _lexical_pointers(self, word: str, pos: str, wanted: str) -> set[str]:
        found: set[str] = set()
        bases = set(self.base_forms(word, pos))
        for offset in self.senses(word, pos, limit=MAX_SENSES):
            handle = self._file(f"data.{POS[pos]}")
            handle.seek(int(offset))
            fields = handle.readline().decode("utf-8", "replace").split(" | ", 1)[0].split()
            count = int(fields[3], 16)
            lemmas = [_clean(fields[4 + 2 * i].lower()) for i in range(count)]
            rest = fields[4 + 2 * count :]
            for i in range(int(rest[0])):
                symbol, target, target_pos, ends = rest[1 + 4 * i : 5 + 4 * i]
                source, aim = int(ends[:2], 16), int(ends[2:], 16)
                if symbol != wanted or target_pos not in POS or not source or not aim:
                    continue
                if lemmas[source - 1].replace(" ", "_") in bases:
                    found.add(self._synset(target, target_pos)[0][aim - 1])
        return found

    def attributes(self, adjective: str) -> set[str]:
        """The nouns an adjective measures: heavy -> weight, long -> length, far -> distance."""
        found: set[str] = set()
        for offset in self.senses(adjective, "a", limit=MAX_SENSES):
            handle = self._file("data.adj")
            handle.seek(int(offset))
            fields = handle.readline().decode("utf-8", "replace").split(" | ", 1)[0].split()
            rest = fields[4 + 2 * int(fields[3], 16) :]
            for i in range(int(rest[0])):
                if rest[1 + 4 * i] == "=" and rest[3 + 4 * i] == "n":
                    found.update(self._synset(rest[2 + 4 * i], "n")[0])
        return found

    def senses(self, word: str, pos: str = "n", limit: int = MAX_SENSES) -> list[str]:
        offsets: list[str] = []
        for base in self.base_forms(word, pos):
            offsets += self._index(base, pos)[:limit]
        return list(dict.fromkeys(offsets))

    def synonyms(self, word: str, pos: str = "n", limit: int = MAX_SENSES) -> set[str]:
        """Words sharing one of the common senses of `word` ('client' -> customer)."""
        found: set[str] = set()
        for offset in self.senses(word, pos, limit):
            found.update(self._synset(offset, pos)[0])
        return found

    def generalisations(self, word: str, pos: str = "n") -> Iterator[tuple[int, str]]:
        """(depth, offset) of the more general senses of `word`'s first sense: employee ->
        worker (1) -> person (2) ..."""
        frontier = self.senses(word, pos, limit=1)
        seen: set[str] = set()
        for depth in range(1, MAX_HYPERNYM_DEPTH + 1):
            frontier = [h for offset in frontier for h in self._synset(offset, pos)[1]]
            for offset in frontier:
                if offset not in seen:
                    seen.add(offset)
                    yield depth, offset

    def is_kind_of(self, specific: str, general: str) -> int | None:
        """Depth at which `specific` (a table's noun) is a kind of `general` (a request's
        word): is_kind_of('employee', 'people') == 2 (person); None when it is not."""
        targets = set(self.senses(general, "n", limit=1))
        if not targets:
            return None
        for depth, offset in self.generalisations(specific):
            if offset in targets:
                return depth
        return None


def _clean(lemma: str) -> str:
    # adjective lemmas carry a marker ("big(a)"); multi-word lemmas use underscores
    return lemma.split("(", 1)[0].replace("_", " ")


@lru_cache(maxsize=1)
def wordnet() -> WordNet | None:
    root = folder()
    return WordNet(root) if root is not None else None
