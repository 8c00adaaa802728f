"""MONEY: a sum with its currency («74957,7 тыс. сомов», «$1,2 млн», «1,5 млн швейцарских франков»).

The span covers the sign, number, scale and currency word (with words that belong to it,
«долларов США»); a qualifier before it («около», «до») stays out. ``value`` is
``{"value": n, "currency": ISO code}`` with the scale applied. Data: ``data/currencies.json``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..component import DocComponent
from ..datafiles import read_json
from ..extensions import add_spans
from ..grammar import readings
from ..text import words_of
from .numbers import after_dot, continues, is_modifier, may_start, plain, read_number

MAX_MODIFIERS = 2  # adjectives before the currency word: «швейцарских франков»


@dataclass(frozen=True, slots=True)
class Currencies:
    """The tables of ``data/currencies.json``."""

    words: dict[str, str]  # lemma or written form → code
    signs: dict[str, str]  # symbol or code → code
    after: dict[str, frozenset[str]]  # code → words that follow it in the sum
    after_required: frozenset[str]  # codes whose word needs one of its words after it
    dotted: frozenset[str]


@cache
def currencies() -> Currencies:
    data = read_json("currencies.json")
    table = data["currencies"]
    return Currencies({word: code for code, entry in table.items() for word in entry["words"]},
                      {sign: code for code, entry in table.items() for sign in [code, *entry["symbols"]]},
                      {code: frozenset(entry.get("after", ())) for code, entry in table.items()},
                      frozenset(code for code, entry in table.items() if entry.get("after_required")),
                      frozenset(data["dotted"]))


@dataclass(frozen=True, slots=True)
class Money:
    """A sum covering ``words[start:end]``."""

    start: int
    end: int
    value: int | float
    currency: str


def currency_of(token: Token) -> str | None:
    """The ISO code a currency word names («сомов» → KGS, «тенге» → KZT), or None."""
    table, word = currencies().words, token.text.lower()
    if word in table:
        return table[word]
    if not word.isalpha():
        return None
    return next((table[reading.lemma] for reading in readings(word)
                 if reading.pos == "NOUN" and reading.lemma in table), None)


def sign_of(token: Token) -> str | None:
    """The ISO code of a currency sign or code («$», «€», «KGS»), or None."""
    return currencies().signs.get(token.text)


def find_money(words: Sequence[Token]) -> list[Money]:
    """The sums among a document's non-space words, in text order."""
    found, k = [], 0
    while k < len(words):
        money = _money_at(words, k) if may_start(words[k]) or sign_of(words[k]) else None
        if money is None:
            k += 1
        else:
            found.append(money)
            k = money.end
    return found


def _money_at(words: Sequence[Token], k: int) -> Money | None:
    code = sign_of(words[k])
    first = k + 1 if code else k
    if code and not continues(words, first):
        return None
    number = read_number(words, first)
    if number is None:
        return None
    end = number.end
    if code is None:
        code, end = _currency_after(words, end)
        if code is None:
            return None
    return Money(k, end, plain(number.value), code)


def _currency_after(words: Sequence[Token], k: int) -> tuple[str | None, int]:
    """The currency after a number (sign, or adjectives and a currency word) and the end of the sum."""
    if continues(words, k) and sign_of(words[k]):
        return sign_of(words[k]), k + 1
    j = k
    while continues(words, j) and j - k < MAX_MODIFIERS and is_modifier(words[j]) \
            and currency_of(words[j]) is None:
        j += 1
    if not continues(words, j) or (code := currency_of(words[j])) is None:
        return None, k
    end = word_end = after_dot(words, j, currencies().dotted)
    while continues(words, end) and words[end].text in currencies().after[code]:
        end += 1
    if end == word_end and code in currencies().after_required:
        return None, k
    return code, end


class MoneyRecognizer(DocComponent):
    """Adds MONEY spans with ``span._.value = {"value": n, "currency": code}``."""

    def __call__(self, doc: Doc) -> Doc:
        words = words_of(doc)
        spans = []
        for money in find_money(words):
            span = Span(doc, words[money.start].i, words[money.end - 1].i + 1, label="MONEY")
            span._.value = {"value": money.value, "currency": money.currency}
            spans.append(span)
        add_spans(doc, spans)
        return doc


@Language.factory("munitext_money")
def make_money_recognizer(nlp: Language, name: str) -> MoneyRecognizer:
    return MoneyRecognizer()
