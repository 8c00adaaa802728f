"""Matching keys for place names: one key for every case and spelling of a name.

«Торт-Кульского», «Терт-Кульский» and «Төрт-Көлский» get the same key; so do
«Ивановке» and «Ивановка». The rules are data (``data/spelling.json``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import razdel
from spacy.tokens import Doc

from .datafiles import read_json
from .text import per_doc, texts_of


@dataclass(frozen=True, slots=True)
class SpellingRules:
    """The rules of ``data/spelling.json``."""

    letters: dict[int, str]
    rewrites: tuple[tuple[re.Pattern, str], ...]
    any_rewrite: re.Pattern  # matches where some rewrite does: most words need none
    endings: dict[int, frozenset[str]]  # by length, longest first
    final_vowels: str
    min_stem: int


@cache
def _rules() -> SpellingRules:
    data = read_json("spelling.json")
    lengths = sorted({len(ending) for ending in data["endings"]}, reverse=True)
    return SpellingRules(
        str.maketrans(data["letters"]),
        tuple((re.compile(pattern), replacement) for pattern, replacement in data["rewrites"]),
        re.compile("|".join(f"(?:{pattern})" for pattern, _ in data["rewrites"])),
        {n: frozenset(ending for ending in data["endings"] if len(ending) == n) for n in lengths},
        data["final_vowels"], data["min_stem"])


def spelled(word: str) -> str:
    """The word lowercased, with Kyrgyz letters and spelling variants mapped to one form."""
    rules = _rules()
    word = word.lower().translate(rules.letters)
    if rules.any_rewrite.search(word):
        for pattern, replacement in rules.rewrites:
            word = pattern.sub(replacement, word)
    return word


@lru_cache(maxsize=100_000)
def word_key(word: str) -> str:
    """A word's matching key: spelled, one inflectional ending (the longest) and the final vowels
    stripped."""
    rules = _rules()
    vowels, min_stem = rules.final_vowels, rules.min_stem
    word = spelled(word)
    for length, endings in rules.endings.items():
        if len(word) - length >= min_stem and word[-length:] in endings:
            word = word[:-length]
            break
    while len(word) > min_stem and word[-1] in vowels:
        word = word[:-1]
    return word


@lru_cache(maxsize=100_000)
def name_key(name: str) -> str:
    """The key of a whole name: the keys of its razdel tokens, space-separated."""
    if ONE_WORD.fullmatch(name):  # most names: no need to tokenize
        return word_key(name)
    return " ".join(word_key(token.text) for token in razdel.tokenize(name))


ONE_WORD = re.compile(r"\w+(-\w+)*")


def keys_of(doc: Doc) -> list[str]:
    """The matching keys of the document's words (``text.words_of``), made once per document."""
    return per_doc(doc, "keys", lambda d: [word_key(text) for text in texts_of(d)])
