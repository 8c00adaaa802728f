"""Numbers in text: digits («74957,7», «1 250 000», «1.250.000», «7–9»), words in any case and
gender («трех», «двадцати пяти», «полтора»), and scale words after them («тыс.», «миллиона»).

Numbers are read from a document's list of non-space words (``words[i]``); the result
says which words it covers. Values are ``Decimal`` so that scales apply exactly
(74957,7 тыс. = 74957700); ``plain`` turns them into ``int`` or ``float`` for output.
Ordinals («2012-го», «третий») are not numbers here. Data: ``data/numerals.json``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from spacy.tokens import Token

from ..datafiles import read_json
from ..grammar import readings
from ..resources import morph_analyzer


@dataclass(frozen=True, slots=True)
class Number:
    """A number covering ``words[start:end]``; a range («7–9») has its lower end in ``low``."""

    start: int
    end: int
    value: Decimal
    low: Decimal | None = None
    digits: bool = True  # written in digits (not words)
    scaled: bool = False  # a scale word («тыс.», «млн») applied


@dataclass(frozen=True, slots=True)
class Numerals:
    """The tables of ``data/numerals.json``."""

    words: dict[str, tuple[Decimal, int]]
    not_alone: frozenset[str]
    scales: dict[str, Decimal]  # full words and abbreviations
    abbreviations: frozenset[str]
    dotted: frozenset[str]
    suffixes: frozenset[str]
    gaps: frozenset[str]
    dashes: frozenset[str]
    forms: frozenset[str]  # every form of the number words and scales: a word not among them is none


@cache
def numerals() -> Numerals:
    data = read_json("numerals.json")
    return Numerals({lemma: (Decimal(str(value)), order) for lemma, (value, order) in data["words"].items()},
                    frozenset(data["not_alone"]),
                    {word: Decimal(value) for word, value in
                     (data["scales"] | data["scale_abbreviations"]).items()},
                    frozenset(data["scale_abbreviations"]),
                    frozenset(data["dotted"]), frozenset(data["cardinal_suffixes"]),
                    frozenset(data["group_gaps"]), frozenset(data["dashes"]),
                    _forms({*data["words"], *data["scales"]}))


def _forms(lemmas: set[str]) -> frozenset[str]:
    """All forms (lower case, «е» for «ё») of every reading of the lemmas, the lemmas too."""
    analyzer = morph_analyzer()
    forms = {form.word for lemma in lemmas for parse in analyzer.parse(lemma) for form in parse.lexeme}
    return frozenset({form.replace("ё", "е") for form in forms | lemmas})


_NUMBER = (r"\d{1,3}(?:\.\d{3})+(?:,\d+)?"  # 1.250.000 or 1.250,5: dots group thousands
           r"|\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?"  # 1,250,000: commas group thousands
           r"|\d+(?:[.,]\d+)?")  # 1250, 74957,7, 1.5
MAX_DIGITS = 15  # longer digit strings are codes or noise, not quantities
_GROUP_HEAD = re.compile(r"\d{1,3}")
_GROUP = re.compile(r"\d{3}(?:,\d+)?")


def parse_digits(text: str) -> Decimal | None:
    """The value of one number in digits: «74957,7» → 74957.7, «1.250.000» → 1250000."""
    text = text.strip()
    return _decimal(text) if re.fullmatch(_NUMBER, text) and _short(text) else None


def parse_token(text: str) -> tuple[Decimal | None, Decimal] | None:
    """(lower end or None, value) of a digit token («12», «2,5», «7–9», «5-ти»); None for an ordinal."""
    match = _digit_token().fullmatch(text)
    if match is None or not _short(text):
        return None
    suffix = match.group("suffix")
    if suffix and suffix.lower() not in numerals().suffixes:
        return None
    low, high = _decimal(match.group("low")), match.group("high")
    if high is None:
        return None, low
    high_value = _decimal(high)
    return (low, high_value) if low < high_value else None


@cache
def _digit_token() -> re.Pattern[str]:
    """A number, a range of two («7–9») or a number with a case ending («5-ти»)."""
    dash = "[" + "".join(re.escape(d) for d in sorted(numerals().dashes)) + "]"
    return re.compile(rf"(?P<low>{_NUMBER})(?:{dash}(?P<high>{_NUMBER}))?(?:-(?P<suffix>[а-яё]+))?",
                      re.IGNORECASE)


def _short(text: str) -> bool:
    return sum(char.isdigit() for char in text) <= MAX_DIGITS


def _decimal(text: str) -> Decimal:
    """A decimal comma is Russian («1,5»); a point is read as one too («1.5»), except when it
    groups thousands: more than one («1.250.000»), one before three digits («1.250»), or
    before a comma («1.250,5»). Commas group thousands when there are several («1,250,000»)."""
    if "," in text and "." in text:  # the last mark is the decimal one
        grouping = "." if text.rfind(",") > text.rfind(".") else ","
        text = text.replace(grouping, "")
    elif text.count(",") > 1 or text.count(".") > 1 or re.fullmatch(r"\d{1,3}\.\d{3}", text):
        text = text.replace(",", "").replace(".", "")
    return Decimal(text.replace(",", "."))


def plain(value: Decimal) -> int | float:
    """``int`` when whole, else ``float``: Decimal("74957700.0") → 74957700, Decimal("1.5") → 1.5."""
    return int(value) if value == value.to_integral_value() else float(value)


def digits_text(value: Decimal) -> str:
    """The number as the normal forms write it: no grouping, a decimal point («1200000», «2.4»)."""
    number = plain(value)
    return str(number) if isinstance(number, int) else format(value.normalize(), "f")


def word_key(token: Token) -> str:
    """A word's lemma, lowercased, «ё» as «е»."""
    return (token.lemma_ or token.text).lower().replace("ё", "е")


def gap(words: Sequence[Token], k: int) -> str:
    """The text between word ``k - 1`` and word ``k``."""
    previous = words[k - 1]
    between = previous.doc[previous.i + 1 : words[k].i]  # whitespace tokens
    return previous.whitespace_ + "".join(token.text_with_ws for token in between)


def continues(words: Sequence[Token], k: int) -> bool:
    """Whether word ``k`` exists and is in the same sentence as word ``k - 1``."""
    return k < len(words) and not words[k].is_sent_start


def phrase_at(words: Sequence[Token], start: int, phrase: tuple[str, ...]) -> bool:
    """Whether the words from ``start`` are ``phrase`` (lower case, «е» for «ё»), in one sentence."""
    end = start + len(phrase)
    return start >= 0 and end <= len(words) \
        and tuple(word.lower_.replace("ё", "е") for word in words[start:end]) == phrase \
        and all(continues(words, j) for j in range(start + 1, end))


def glued(words: Sequence[Token], k: int) -> bool:
    """Whether word ``k`` follows word ``k - 1`` with no space between."""
    previous = words[k - 1]
    return words[k].idx == previous.idx + len(previous.text)


def may_start(token: Token) -> bool:
    """Whether a number may start at the token: a digit first, or a form of a number word."""
    return token.text[:1].isdigit() or token.lower_.replace("ё", "е") in numerals().forms


def read_number(words: Sequence[Token], i: int) -> Number | None:
    """The number that starts at word ``i``, with a range and a scale word after it, or None."""
    if not may_start(words[i]):
        return None
    number = _digits_at(words, i) or _words_at(words, i)
    if number is None:
        return None
    number = _range_after(words, number)
    return _scale_after(words, number)


def _digits_at(words: Sequence[Token], i: int) -> Number | None:
    text = words[i].text
    if not text[:1].isdigit():
        return None
    parsed = parse_token(text)
    if parsed is None:
        return None
    low, value = parsed
    end = i + 1
    if low is None and _GROUP_HEAD.fullmatch(text):  # «1 250 000», «48 612,4»
        groups = [text]
        while continues(words, end) and gap(words, end) in numerals().gaps \
                and _GROUP.fullmatch(words[end].text) and "," not in groups[-1] \
                and len(groups) * 3 < MAX_DIGITS:
            groups.append(words[end].text)
            end += 1
        value = _decimal("".join(groups))
    return Number(i, end, value, low)


def _words_at(words: Sequence[Token], i: int) -> Number | None:
    """«сто двадцать», «двадцати пяти», «полтора миллиона», «тысяча» (a singular scale word alone)."""
    table, scales = numerals().words, numerals().scales
    total, group, last, k = Decimal(0), Decimal(0), 4, i
    while k < len(words) and (k == i or continues(words, k)) and words[k].text.isalpha():
        key = word_key(words[k])
        if key in scales:
            alone = k == i and key not in numerals().abbreviations and _singular(words[k].text, key)
            if not (group or alone):
                break  # «тысячи туристов» is vague; two scales in a row are not one number
            total += (group or 1) * scales[key]
            group, last, k = Decimal(0), 4, after_dot(words, k, numerals().dotted)
            continue
        entry = table.get(key)
        if entry is None or entry[1] >= last or (key == "один" and "Number=Plur" in str(words[k].morph)):
            break
        group += entry[0]
        last, k = entry[1], k + 1
    if k == i or (k == i + 1 and word_key(words[i]) in numerals().not_alone):
        return None
    return Number(i, k, total + group, digits=False, scaled=total > 0)


def _singular(word: str, lemma: str) -> bool:
    """Whether every reading of ``word`` as ``lemma`` is singular («тысячу», not «тысячи»)."""
    own = [reading for reading in readings(word.lower()) if reading.lemma == lemma]
    return bool(own) and all(reading.feature("Number") == "Sing" for reading in own)


def _range_after(words: Sequence[Token], number: Number) -> Number:
    """«7 – 9», «пять – семь» written as three words: one number with both ends."""
    k = number.end
    if number.low is not None or not continues(words, k + 1) or words[k].text not in numerals().dashes:
        return number
    upper = _digits_at(words, k + 1) if number.digits else _words_at(words, k + 1)
    if upper is None or upper.low is not None or upper.value <= number.value:
        return number
    return Number(number.start, upper.end, upper.value, number.value, number.digits, upper.scaled)


def _scale_after(words: Sequence[Token], number: Number) -> Number:
    """Apply «тыс.», «млн», «миллиона» after a number in digits (words bring their own)."""
    k = number.end
    if not number.digits or not continues(words, k):
        return number
    text = words[k].text.lower()
    scales = numerals().scales
    scale = scales.get(text) or (scales.get(word_key(words[k])) if words[k].text.isalpha() else None)
    if scale is None:
        return number
    end = after_dot(words, k, numerals().dotted)
    low = None if number.low is None else number.low * scale
    return Number(number.start, end, number.value * scale, low, True, True)


def after_dot(words: Sequence[Token], k: int, dotted: frozenset[str]) -> int:
    """The index after word ``k`` and its abbreviation dot, when it is one of ``dotted`` («тыс.», «руб.»)."""
    if words[k].text.lower() in dotted and continues(words, k + 1) \
            and words[k + 1].text == "." and glued(words, k + 1):
        return k + 2
    return k + 1


def word_class(token: Token) -> str:
    """«NOUN», «ADJ» (adjectives and participles) or the tagger's part of speech. A word the
    dictionary knows in one class only keeps it («аймаках», «айылных»: the tagger guesses
    at words it has not seen)."""
    classes = {reading.pos for reading in readings(token.text.lower()) if reading.pos != "X"}
    if len(classes) == 1 and classes <= {"NOUN", "ADJ"}:
        return classes.pop()
    if token.pos_ == "VERB" and "VerbForm=Part" in str(token.morph):
        return "ADJ"
    return "NOUN" if token.pos_ == "PROPN" else token.pos_


def is_modifier(token: Token) -> bool:
    """An adjective or participle that may stand between a number and its noun («45 пилотных»)."""
    return token.text.replace("-", "").isalpha() and word_key(token) not in numerals().words \
        and word_class(token) == "ADJ"
