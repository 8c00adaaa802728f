"""Matching keys for place names: one key for every case and spelling of a name.

«Торт-Кульского», «Терт-Кульский» and «Төрт-Көлский» get the same key; so do
«Ивановке» and «Ивановка». The rules are data (``data/spelling.json``).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import razdel
from spacy.tokens import Doc

from .datafiles import read_json
from .text import per_doc, texts_of


@cache
def _rules() -> tuple[dict[int, str], list[tuple[re.Pattern, str]], tuple[str, ...], str, int]:
    data = read_json("spelling.json")
    letters = str.maketrans(data["letters"])
    rewrites = [(re.compile(pattern), replacement) for pattern, replacement in data["rewrites"]]
    endings = tuple(sorted(data["endings"], key=len, reverse=True))
    return letters, rewrites, endings, data["final_vowels"], data["min_stem"]


def spelled(word: str) -> str:
    """The word lowercased, with Kyrgyz letters and spelling variants mapped to one form."""
    letters, rewrites, _, _, _ = _rules()
    word = word.lower().translate(letters)
    for pattern, replacement in rewrites:
        word = pattern.sub(replacement, word)
    return word


@lru_cache(maxsize=100_000)
def word_key(word: str) -> str:
    """A word's matching key: spelled, one inflectional ending and the final vowels stripped."""
    _, _, endings, vowels, min_stem = _rules()
    word = spelled(word)
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= min_stem:
            word = word[: -len(ending)]
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
