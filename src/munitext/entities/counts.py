"""COUNT: a qualifier, a number and the noun it counts («около 60 человек», «трех районов», «12 %»).

The span runs from the qualifier («более», «не менее», «до») to the counted noun, with the
adjectives between; a range («от 7 до 9 человек», «7–9 человек») is one count of its upper
end, qualifier ``at_most``. ``value`` is ``{"value": n, "unit": lemma, "qualifier": …}``, and
for a time also ``"duration"`` (ISO 8601: «три года» → «P3Y», «12 часов» → «PT12H») or, for
years that are an age («в возрасте 52 лет», «ему 71 год»), ``"age": true``;
``normal`` the number in digits and the noun phrase in the form it takes with that number
in the nominative («трех районов» → «3 района»). Years («2012 года»), dates («1 июня»),
sums and multiples («в 2 раза») are left out. Data: ``data/counts.json``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..component import DocComponent
from ..datafiles import read_json
from ..extensions import add_spans
from ..grammar import Reading, agreement, best_reading, inflect, match_case, readings
from ..morph import feats_of
from ..text import words_of
from .money import currency_of, sign_of
from .numbers import (
    Number,
    after_dot,
    continues,
    digits_text,
    glued,
    is_modifier,
    may_start,
    phrase_at,
    plain,
    read_number,
    word_class,
    word_key,
)

MAX_MODIFIERS = 3  # adjectives between a number and its noun
QUALIFIERS = ("exact", "approx", "more", "less", "at_least", "at_most")
_ABBREVIATION = re.compile(r"([А-ЯЁA-Z]{2,})[а-яё]*")  # «ФАП», «ФАПах»
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CountGrammar:
    """The tables of ``data/counts.json``."""

    qualifiers: dict[tuple[str, ...], str]
    qualifier_starts: frozenset[str]
    range_to: frozenset[str]
    from_words: frozenset[str]
    units: dict[str, str]
    dotted: frozenset[str]
    compounds: dict[tuple[str, ...], str]
    lemmas: dict[str, str]
    counting_forms: dict[str, str]
    not_units: frozenset[str]
    year_units: frozenset[str]
    years: tuple[int, int]
    duration_forms: frozenset[str]
    multiples: frozenset[str]
    multiple_before: frozenset[str]
    identifiers: frozenset[str]
    clock_units: frozenset[str]
    times_of_day: frozenset[str]
    time_units: dict[str, tuple[str, int]]
    time_clock: frozenset[str]
    age_units: frozenset[str]
    age_cues: frozenset[str]
    age_prepositions: frozenset[str]
    age_skip: frozenset[str]
    one_cues: frozenset[tuple[str, ...]]
    one_cue_ends: frozenset[str]
    one_cases: frozenset[str]
    one_not_before_genitive: frozenset[str]
    compound_durations: dict[tuple[str, str], int]
    collectives: frozenset[str]
    collective_unit: str
    collective_forms: dict[str, str]


@cache
def grammar() -> CountGrammar:
    data = read_json("counts.json")
    low, high = data["year_range"]
    qualifiers = {tuple(phrase.split()): name for name, phrases in data["qualifiers"].items()
                  for phrase in phrases}
    time = data["time"]
    return CountGrammar(
        qualifiers, frozenset(phrase[0] for phrase in qualifiers),
        frozenset(data["range_to"]), frozenset(data["from"]), data["units"], frozenset(data["dotted"]),
        {tuple(phrase.split()): unit for phrase, unit in data["compound_units"].items()},
        data["lemmas"], data["counting_forms"], frozenset(data["not_units"]),
        frozenset(data["year_units"]), (low, high), frozenset(data["duration_forms"]),
        frozenset(data["multiples"]["units"]), frozenset(data["multiples"]["before"]),
        frozenset(data["identifiers"]), frozenset(data["clock"]["units"]),
        frozenset(data["clock"]["times_of_day"]),
        {unit: (designator, size) for unit, (designator, size) in time["units"].items()},
        *(frozenset(time[key]) for key in ("clock", "age_units", "age_cues", "age_prepositions", "age_skip")),
        frozenset(tuple(cue.split()) for cue in time["one_cues"]),
        frozenset(cue.split()[-1] for cue in time["one_cues"]),
        frozenset(time["one_cases"]), frozenset(time["one_not_before_genitive"]),
        {tuple(pair.split()): ratio for pair, ratio in time["compound"].items()},
        frozenset(data["collective"]["words"]), data["collective"]["unit"], data["collective"]["forms"])


@dataclass(frozen=True, slots=True)
class Head:
    """The counted noun: its adjectives, the noun's word index, the end of the phrase, its unit."""

    modifiers: tuple[int, ...]
    start: int  # the noun's first word (a compound has more than one)
    index: int
    end: int
    unit: str
    fixed: bool  # a sign, an abbreviation or an indeclinable compound: written as it stands


@dataclass(frozen=True, slots=True)
class Count:
    """A count covering ``words[start:end]``."""

    start: int
    end: int
    value: int | float
    unit: str
    qualifier: str
    normal: str
    measure: dict[str, str | bool]  # a time: {"duration": ISO 8601} or {"age": True}; else empty

    @property
    def value_dict(self) -> dict:
        """``span._.value``."""
        return {"value": self.value, "unit": self.unit, "qualifier": self.qualifier, **self.measure}


def find_counts(words: Sequence[Token]) -> list[Count]:
    """The counts among a document's non-space words, in text order."""
    found, k = [], 0
    while k < len(words):
        if not _may_start(words, k):
            k += 1
            continue
        count, k_next = _count_at(words, k)
        if count is not None:
            found.append(count)
        k = max(k_next, k + 1)
    return _compound_durations(found)


def _compound_durations(counts: list[Count]) -> list[Count]:
    """«1 год 6 месяцев» is one duration, counted in its smaller unit (18 месяцев, «P1Y6M»)."""
    merged: list[Count] = []
    for count in counts:
        last = merged[-1] if merged else None
        ratio = grammar().compound_durations.get((last.unit, count.unit)) if last else None
        if last is None or ratio is None or last.end != count.start or count.qualifier != "exact" \
                or "duration" not in last.measure or "duration" not in count.measure:
            merged.append(count)
            continue
        head, tail = last.measure["duration"], count.measure["duration"].removeprefix("P")
        duration = head + (tail.removeprefix("T") if "T" in head else tail)  # «PT1H» + «PT30M» → «PT1H30M»
        value = plain(Decimal(str(last.value)) * ratio + Decimal(str(count.value)))
        merged[-1] = Count(last.start, count.end, value, count.unit, last.qualifier,
                           f"{last.normal} {count.normal}", {"duration": duration})
    return merged


def _may_start(words: Sequence[Token], k: int) -> bool:
    """Whether a count may start at word ``k``: a qualifier, a number, or a time noun after a cue
    («через неделю»); the cheap test before the reading."""
    rules = grammar()
    return may_start(words[k]) or words[k].text.lower() in rules.qualifier_starts \
        or (k > 0 and words[k - 1].lower_ in rules.one_cue_ends)


def _count_at(words: Sequence[Token], k: int) -> tuple[Count | None, int]:
    """The count starting at word ``k`` (or None) and where to look next."""
    qualifier, first = _qualifier_at(words, k)
    if first > k and not continues(words, first):
        return None, k + 1
    number = read_number(words, first) or _implied_one(words, first)
    if number is None:
        return None, k + 1
    if qualifier == "at_least":
        number = _range_to(words, number)
    if number.low is not None:
        qualifier = "at_most"
    elif words[k].text.lower() in grammar().range_to and _after_change(words, k):
        qualifier, k = "exact", first  # «с 40 % до 12 %»: «до» ends a change, not a bound
    head = _head(words, number.end)
    start = k if qualifier != "exact" else number.start
    if head is None and _collective(words, number):
        rules = grammar()
        normal = f"{digits_text(number.value)} {rules.collective_forms[_plural_class(number.value)]}"
        count = Count(start, number.end, plain(number.value), rules.collective_unit, qualifier, normal, {})
        return count, number.end
    if head is None or not _is_count(words, number, head):
        return None, number.end
    measure = _measure(words, start, head.end, number.value, head.unit)
    return Count(start, head.end, plain(number.value), head.unit, qualifier,
                 _normal(words, number.value, head), measure), head.end


def _measure(words: Sequence[Token], start: int, end: int, value: Decimal,
             unit: str) -> dict[str, str | bool]:
    """A count of time is an age («в возрасте 52 лет», «ему 71 год») or a duration («P3Y», «PT12H»)."""
    rules = grammar()
    if unit not in rules.time_units:
        return {}
    if unit in rules.age_units and _is_age(words, start, end):
        return {"age": True}
    designator, size = rules.time_units[unit]
    return {"duration": ("PT" if unit in rules.time_clock else "P") + digits_text(value * size) + designator}


def _is_age(words: Sequence[Token], start: int, end: int) -> bool:
    """Whether a count of years over ``words[start:end]`` is an age: after a cue word («в возрасте»,
    «старше»); or, unless a noun in the genitive follows («8 лет колонии»), right after «в»/«с» or
    a person in the nominative («девочка 8 лет»), or in a clause with a person in the dative and
    no verb between («ему было 64 года», «Кандидатке на пост президента 54 года»)."""
    rules, j = grammar(), start - 1
    while j >= 0 and words[j].text.lower() in rules.age_skip:
        j -= 1
    if j < 0:
        return False
    before = words[j]
    if before.text.lower() in rules.age_cues:
        return True
    if continues(words, end) and words[end].pos_ == "NOUN" and "Gen" in words[end].morph.get("Case"):
        return False
    nominative_noun = before.pos_ == "NOUN" and _person(before) and "Nom" in before.morph.get("Case")
    if j == start - 1 and (before.text.lower() in rules.age_prepositions or nominative_noun):
        return True
    while j >= 0 and before.is_alpha and before.pos_ not in ("VERB", "AUX"):
        if _person(before) and "Dat" in before.morph.get("Case"):
            return True
        if before.is_sent_start:
            break
        j -= 1
        before = words[j]
    return False


def _person(token: Token) -> bool:
    return token.pos_ in ("PRON", "PROPN") or (token.pos_ == "NOUN" and "Anim" in token.morph.get("Animacy"))


def _qualifier_at(words: Sequence[Token], k: int) -> tuple[str, int]:
    """The qualifier whose words start at ``k`` (longest first) and the word after it."""
    if words[k].text.lower() not in grammar().qualifier_starts:
        return "exact", k
    for size in (3, 2, 1):
        phrase = tuple(word.text.lower() for word in words[k : k + size])
        if len(phrase) == size and phrase in grammar().qualifiers \
                and all(continues(words, j) for j in range(k + 1, k + size)):
            return grammar().qualifiers[phrase], k + size
    return "exact", k


def _implied_one(words: Sequence[Token], k: int) -> Number | None:
    """One of a time noun standing alone after a cue: «через неделю», «больше года», «на год»."""
    rules, token = grammar(), words[k]
    if k == 0 or words[k - 1].lower_ not in rules.one_cue_ends:
        return None
    unit = word_key(token)
    if unit not in rules.time_units or "Sing" not in token.morph.get("Number") \
            or not rules.one_cases.intersection(token.morph.get("Case")):
        return None
    if not continues(words, k) or not any(phrase_at(words, k - len(cue), cue) for cue in rules.one_cues):
        return None
    if unit in rules.one_not_before_genitive and continues(words, k + 1) \
            and words[k + 1].pos_ in ("NOUN", "PROPN") and "Gen" in words[k + 1].morph.get("Case"):
        return None  # «на день рождения»
    return Number(k, k, Decimal(1), digits=False)


def _collective(words: Sequence[Token], number: Number) -> bool:
    """A collective numeral alone («трое воздержались»): it counts people."""
    return number.end == number.start + 1 and word_key(words[number.start]) in grammar().collectives


def _range_to(words: Sequence[Token], number: Number) -> Number:
    """«от 7 до 9»: one number, the upper end with the lower one kept."""
    k = number.end
    if number.low is not None or not continues(words, k + 1) \
            or words[k].text.lower() not in grammar().range_to:
        return number
    upper = read_number(words, k + 1)
    if upper is None or upper.low is not None or upper.value <= number.value:
        return number
    return Number(number.start, upper.end, upper.value, number.value, upper.digits, upper.scaled)


def _after_change(words: Sequence[Token], k: int) -> bool:
    """Whether «до» at ``k`` closes «с N [noun] до»: a change from one number to another."""
    for j in range(k - 1, max(k - 5, 0) - 1, -1):
        if words[j].text.lower() in grammar().from_words:
            number = read_number(words, j + 1) if j + 1 < k else None
            return number is not None and number.end <= k
    return False


def _head(words: Sequence[Token], k: int) -> Head | None:
    """The counted noun phrase after a number: a unit sign, or adjectives and a noun."""
    if not continues(words, k):
        return None
    unit = grammar().units.get(words[k].text.lower())
    if unit is not None:
        return Head((), k, k, after_dot(words, k, grammar().dotted), unit, fixed=True)
    modifiers: list[int] = []
    j = k
    while continues(words, j):
        compound = _compound_at(words, j)
        if compound is not None:
            size = len(compound[0])
            return Head(tuple(modifiers), j, j + size - 1, j + size, compound[1], fixed=True)
        if len(modifiers) == MAX_MODIFIERS or not is_modifier(words[j]):
            break
        modifiers.append(j)
        j += 1
    if not continues(words, j) or not _is_noun(words[j]):
        return None
    return Head(tuple(modifiers), j, j, j + 1, _unit(words[j]), fixed=False)


def _compound_at(words: Sequence[Token], j: int) -> tuple[tuple[str, ...], str] | None:
    for phrase, unit in grammar().compounds.items():
        texts = tuple(word.text.lower() for word in words[j : j + len(phrase)])
        if texts == phrase and all(continues(words, i) for i in range(j + 1, j + len(phrase))):
            return phrase, unit
    return None


def _is_noun(token: Token) -> bool:
    """A common noun (lower case) or an abbreviation («ФАПов»)."""
    text = token.text
    return text.replace("-", "").isalpha() and _CYRILLIC.search(text) is not None \
        and word_class(token) == "NOUN" and (text[0].islower() or _ABBREVIATION.fullmatch(text) is not None)


def _unit(token: Token) -> str:
    """A counted noun's unit: its lemma («районов» → «район») or an abbreviation's stem («ФАПах» → «ФАП»)."""
    abbreviation = _ABBREVIATION.fullmatch(token.text)
    if abbreviation:
        return abbreviation.group(1)
    lemma = word_key(token)
    return grammar().lemmas.get(lemma, lemma)


def _is_count(words: Sequence[Token], number: Number, head: Head) -> bool:
    """Leave out dates, years, times, sums, multiples, numbers that name a thing («статьи 282»)
    and a noun that does not go with the number."""
    noun, rules = words[head.index], grammar()
    if head.unit in rules.not_units or currency_of(noun) or sign_of(noun):
        return False
    before = words[number.start - 1] if number.start > 0 else None
    if before is not None and (sign_of(before) or number.digits and _names_thing(words, number.start)):
        return False  # «$50 тыс.» is a sum, «№ 5», «статьи 282», «CoV-2» are names
    if head.unit in rules.year_units and number.digits and not number.scaled \
            and rules.years[0] <= number.value <= rules.years[1] \
            and noun.text.lower() not in rules.duration_forms:
        return False
    if head.unit in rules.multiples and before is not None and before.text.lower() in rules.multiple_before:
        return False
    if head.unit in rules.clock_units and continues(words, head.end) \
            and word_key(words[head.end]) in rules.times_of_day:
        return False  # «в три часа ночи»
    return head.fixed or _agrees(noun, number)


def _names_thing(words: Sequence[Token], start: int) -> bool:
    """Whether the digits at ``start`` follow an identifier word («ст. 5», «№ 12») or are glued to a word."""
    previous = words[start - 1]
    if glued(words, start) and (previous.text[-1].isalnum() or previous.text[-1] == "-"):
        return True
    if previous.text == "." and start > 1 and glued(words, start - 1):
        previous = words[start - 2]
    return previous.text.lower() in grammar().identifiers or word_key(previous) in grammar().identifiers


def _agrees(noun: Token, number: Number) -> bool:
    """Whether the noun's form goes with the number: plural after any number; singular after
    one ending in 1 (not 11), a fraction or a range; singular genitive after 2–4 (not 12–14)."""
    own = [reading for reading in readings(noun.text.lower()) if reading.pos == "NOUN"]
    if not own or any(reading.feature("Number") in (None, "Plur") for reading in own):
        return True
    kind = "fraction" if number.low is not None else _plural_class(number.value)
    if kind == "few":
        return any(reading.feature("Case") in ("Gen", "Par") for reading in own)
    return kind != "many"


def _plural_class(value: Decimal) -> str:
    """The form a noun takes after the number in the nominative: «one» (21 район), «few»
    (3 района), «many» (5 районов, 12 районов) or «fraction» (2,5 района)."""
    if value != value.to_integral_value():
        return "fraction"
    n = int(value)
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return "few"
    return "many"


NOUN_FORMS = {"one": {"nomn", "sing"}, "few": {"gent", "sing"}, "many": {"gent", "plur"},
              "fraction": {"gent", "sing"}}


def _normal(words: Sequence[Token], value: Decimal, head: Head) -> str:
    """«3 района», «60 человек», «2 детских сада», «3 ясельные группы», «12 %»."""
    kind = _plural_class(value)
    noun = words[head.index]
    noun_reading = None if head.fixed else _reading(noun)
    gender = next((g for g in ("masc", "femn", "neut") if noun_reading and g in noun_reading.grammemes),
                  "masc")
    if kind == "one":
        adjective_wanted = {"nomn", "sing", gender}
    elif kind == "few" and gender == "femn":
        adjective_wanted = {"nomn", "plur"}  # «3 ясельные группы»
    else:
        adjective_wanted = {"gent", "plur"}  # «2 детских сада», «5 детских садов»
    parts = [_inflected(words[k], adjective_wanted) for k in head.modifiers]
    if head.fixed:
        parts.append(noun.doc[words[head.start].i : words[head.end - 1].i + 1].text)
    else:
        parts.append(_inflected(noun, NOUN_FORMS[kind], noun_reading))
    return " ".join([digits_text(value), *parts])


def _reading(token: Token) -> Reading | None:
    """The token's reading in context; for an abbreviation with an ending («ФАПах»), one of its stem."""
    feats = feats_of(str(token.morph))
    abbreviation = _ABBREVIATION.fullmatch(token.text)
    if abbreviation and abbreviation.group(1) != token.text:
        stem = abbreviation.group(1).lower()
        own = [reading for reading in readings(token.text.lower())
               if reading.lemma == stem and reading.pos == "NOUN"]
        return max(own, key=lambda reading: agreement(reading, "NOUN", feats), default=None)
    return best_reading(token.text, token.pos_, feats)


def _inflected(token: Token, wanted: set[str], reading: Reading | None = None) -> str:
    """The token's word with the wanted grammemes, as written when it has them already."""
    reading = reading or _reading(token)
    if reading is None or not reading.grammemes or wanted <= reading.grammemes \
            and reading.word == token.text.lower():
        return token.text
    word = grammar().counting_forms.get(reading.lemma) if wanted == {"gent", "plur"} else None
    word = word or inflect(reading, wanted)
    if word is None:
        return token.text
    if "ё" not in token.text.lower():
        word = word.replace("ё", "е")
    abbreviation = _ABBREVIATION.fullmatch(token.text)
    if abbreviation:  # «ФАПах» → «ФАПов»: the capitals stay, the ending follows the wanted form
        stem = abbreviation.group(1)
        return stem + word[len(stem) :]
    return match_case(word, token.text)


class CountRecognizer(DocComponent):
    """Adds COUNT spans with ``span._.value = {"value": n, "unit": …, "qualifier": …}`` and ``normal``."""

    def __call__(self, doc: Doc) -> Doc:
        words = words_of(doc)
        spans = []
        for count in find_counts(words):
            span = Span(doc, words[count.start].i, words[count.end - 1].i + 1, label="COUNT")
            span._.normal = count.normal
            span._.value = count.value_dict
            spans.append(span)
        add_spans(doc, spans)
        return doc


@Language.factory("munitext_counts")
def make_count_recognizer(nlp: Language, name: str) -> CountRecognizer:
    return CountRecognizer()
