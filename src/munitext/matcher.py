"""Phrase matching over word keys with an Aho-Corasick automaton.

Phrases and documents are both sequences of matching keys (``spelling.word_key``), so a
phrase matches in any grammatical case and spelling; each match reports word indices.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

Value = TypeVar("Value")


@dataclass(frozen=True, slots=True)
class KeyMatch(Generic[Value]):
    """Words ``start`` to ``end`` (exclusive) match a phrase with these values."""

    start: int
    end: int
    values: tuple[Value, ...]


class KeyMatcher(Generic[Value]):
    """Finds every added key phrase (overlapping ones included) among a document's word keys."""

    def __init__(self, phrases: Iterable[tuple[str, Value]]):
        grouped: dict[str, list[Value]] = {}
        for key, value in phrases:
            if key and value not in grouped.setdefault(key, []):
                grouped[key].append(value)
        self._automaton = ahocorasick.Automaton()
        for key, values in grouped.items():
            self._automaton.add_word(f" {key} ", (key.count(" ") + 1, tuple(values)))
        if grouped:
            self._automaton.make_automaton()
        self._empty = not grouped

    def matches(self, keys: list[str]) -> list[KeyMatch[Value]]:
        if self._empty:
            return []
        text = " " + " ".join(keys) + " "
        word_before_space: dict[int, int] = {}
        position = 0
        for index, key in enumerate(keys):
            position += len(key) + 1
            word_before_space[position] = index
        found = []
        for end_char, (length, values) in self._automaton.iter(text):
            last = word_before_space[end_char]
            found.append(KeyMatch(last - length + 1, last + 1, values))
        return found
