"""DATE: dates, partial dates and ranges, with an ISO value (words in ``data/dates.json``).

An expression is one *side* («31 января 2012 года», «марте 2021 года», «2019 году»,
«2022-05-09», «12.03.2023», «первом квартале 2023 года», «весной 2021 года», «1990-х
годов», «первые три месяца 2024 года», «концу 2023 года») or a range of two: «с … по …»,
«с … до …» (the span includes «с») and «…–…» («15–17 мая 2024 г.», «2022–2024 годах»,
«апреле–мае 2022 года»). The first side of a range takes what it leaves out from the
second («с 1 по 5 июня 2023 года»). A leading preposition stays out of the span; a
weekday before a day is in («среду, 3 октября»).

A 4-digit year alone is a year only with «год»/«г.», a suffix («2012-го»), a month, or
after a preposition («в 2014», «с 1994 по 2000», «2019–2021») when no noun follows
(«в 2000 раз» is not a date). A month alone needs a preposition («в сентябре»); a
season, «первые N месяцев» and «половина» need their year.

``span._.value`` is ``{"start": ISO, "end": ISO}`` with ISO ``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD`` as precise as the text (a single date has start == end; a quarter, half,
season or decade is its first and last month or year; «начале/конце 2023 года» is the
whole unit). A date that does not state its year («5 мая», «в сентябре», «во втором
полугодии», «мае прошлого года») takes it from, in this order: a coordinated date right
after it that states one («марте и апреле 2022 года»), ``doc._.meta["date"]`` (the
publication date; «прошлого года» counts from it), the nearest earlier date in the text
within a single year. The value then also has ``"year_from"``: ``"meta"`` for the
publication date, ``"context"`` for a date of the text. With none of these, ``start``
and ``end`` are ``None`` and ``"month_day"`` holds ``{"start": "MM[-DD]", "end":
"MM[-DD]"}``.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..component import DocComponent
from ..datafiles import read_json
from ..extensions import add_spans
from ..text import text_of, words_of

SPACE = r"[^\S\n]"  # a date never runs over a line break
DASH = r"[-‐‑‒–—]"
END = r"(?![^\W_])"  # no letter or digit glued after
YEAR = r"(?:1\d|20|21)\d\d"  # the years a 4-digit number may be
COUNTED = frozenset({"NOUN", "ADJ", "NUM", "SYM"})  # what a number counts: «в 2000 раз», «до 1500 сомов»

WORD_LISTS = ("year_words", "year_adjectives", "parts", "first", "month_words", "weekdays",
              "year_suffixes", "decade_suffixes", "day_suffixes", "ordinal_suffixes")
Date = tuple[int | None, int | None, int | None]  # year, month, day; None where the text is less precise

SIDE = r"""
(?:(?P<{p}part>{parts}){s}+)?
(?:
  (?:(?P<{p}iso>{year}-\d\d-\d\d)|(?P<{p}num>\d{{1,2}}\.\d{{1,2}}\.{year})
     |(?P<{p}decade>(?:1\d|20)?\d0)-(?:{decade_suffixes}))(?!\d)(?:{s}*(?P<{p}xyw>{year_words}))?
| (?:(?P<{p}ord>{ordinals}|[1-4](?:-(?:{ordinal_suffixes}))?){s}+(?P<{p}period>{periods})
    |(?:(?P<{p}first>{first}){s}+)?(?P<{p}n>\d{{1,2}}|{numerals}){s}+(?P<{p}mw>{month_words})
    |(?P<{p}season>{seasons})
    |(?:(?P<{p}wd>{weekdays}),?{s}+)?(?P<{p}day>[0-3]?\d)(?:-(?:{day_suffixes}))?{s}+(?P<{p}month>{months})
    |(?P<{p}mon>{months})
    |(?P<{p}dayonly>[0-3]?\d)(?:-(?:{day_suffixes}))?(?!\d)
  )?
  (?:{s}*(?:(?P<{p}year>{year})(?:-(?P<{p}ysuf>{year_suffixes}))?(?!\d)
             (?:{s}*(?P<{p}yw>(?:(?:{year_adjectives}){s}+)?(?:{year_words})))?
           |(?P<{p}rel>{relative_years}){s}+года))?
){end}"""


@dataclass(frozen=True, slots=True)
class Side:
    """One end of a date expression, as the text states it."""

    kind: str  # full, decade, period, first, season, day, month, dayonly, year
    years: tuple[int, int] | None = None  # first and last year
    months: tuple[int, int] | None = None  # first and last month
    day: int | None = None
    relative: int | None = None  # year offset from the publication date («прошлого года»)
    year_word: bool = False  # the year has «год»/«г.» or a suffix («2012-го»)
    part: bool = False  # «начале/конце/середине»
    needs_year: bool = False  # a date only with its year («весной», «первой половине»)
    inherited: bool = False  # the year was taken from the other side of the range


@dataclass(frozen=True, slots=True)
class Found:
    """A date expression in the text: character offsets and its first and last side."""

    start: int
    end: int
    first: Side
    last: Side

    @property
    def has_year(self) -> bool:
        return self.last.years is not None


def _alternation(words) -> str:
    """A regex alternation of words, longest first (written with «е»: the patterns run over the text
    with «ё» folded to «е», see ``folded``)."""
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


def folded(text: str) -> str:
    """The text with «ё» as «е»: the same length, so offsets stay true."""
    return text.replace("ё", "е").replace("Ё", "Е")


class DateLexicon:
    """The words of ``data/dates.json`` and the three patterns built from them."""

    def __init__(self, data: dict):
        self.months = {form: n for n, forms in enumerate(data["months"], 1) for form in forms}
        self.seasons = {form: tuple(season["months"]) for season in data["seasons"]
                        for form in season["forms"]}
        self.periods = {form: (period["months"], period["needs_year"]) for period in data["periods"]
                        for form in period["forms"]}
        self.ordinals = {form: n for n, forms in enumerate(data["ordinals"], 1) for form in forms}
        self.numerals = {form: int(n) for n, forms in data["numerals"].items() for form in forms}
        self.relative = data["relative_years"]
        self.prepositions = frozenset(data["prepositions"])
        self.coordinators = frozenset(data["coordinators"])
        self.range_close = frozenset(data["range_close"])
        fields = {key: _alternation(data[key]) for key in WORD_LISTS}
        fields.update({key: _alternation(getattr(self, key)) for key in (
            "months", "seasons", "periods", "ordinals", "numerals")})
        fields.update(relative_years=_alternation(self.relative), s=SPACE, end=END, year=YEAR)
        first_words = [*self.months, *self.seasons, *self.ordinals, *self.numerals, *data["first"],
                       *data["parts"], *data["weekdays"], *data["range_open"]]
        self.starters = frozenset(word.rstrip(".") for word in first_words)  # a date begins with one
        a, b = (SIDE.format(p=p, **fields) for p in ("a_", "b_"))
        flags = re.IGNORECASE | re.VERBOSE
        self.patterns = (
            re.compile(rf"(?:{_alternation(data['range_open'])}){SPACE}+{a}{SPACE}+"
                       rf"(?:{_alternation(data['range_close'])}){SPACE}+{b}", flags),
            re.compile(rf"{a}{SPACE}*{DASH}{SPACE}*{b}", flags),
            re.compile(a, flags),
        )


@cache
def lexicon() -> DateLexicon:
    return DateLexicon(read_json("dates.json"))


_DASH = re.compile(DASH)


def _first_key(lower: str) -> str:
    """The key of a word's part before a dash («апреле–мае» is one token)."""
    return _DASH.split(lower, 1)[0].replace("ё", "е") if _DASH.search(lower) else lower.replace("ё", "е")


def _key(word: str) -> str:
    """How the lexicon writes a word: lower case, «ё» as «е»."""
    return word.lower().replace("ё", "е")


def read_side(match: re.Match, p: str, lex: DateLexicon) -> Side | None:
    """The side whose groups start with ``p``; None when the text names no real date."""
    def group(name: str) -> str | None:
        return match.group(p + name)

    def key(name: str) -> str:
        return _key(group(name))

    if group("iso") or group("num"):
        year, month, day = (map(int, group("iso").split("-")) if group("iso")
                            else reversed([int(n) for n in group("num").split(".")]))
        return Side("full", (year, year), (month, month), day, year_word=True)
    if group("decade"):
        digits = group("decade")
        first = int(digits) if len(digits) == 4 else 1900 + int(digits)
        return Side("decade", (first, first + 9), year_word=len(digits) == 4 or bool(group("xyw")))
    years = relative = None
    if group("year"):
        years = (int(group("year")),) * 2
    elif group("rel"):
        relative = lex.relative[key("rel")]
    side = Side("year", years, relative=relative, part=bool(group("part")),
                year_word=bool(group("ysuf") or group("yw")))
    if group("period"):
        size, needs_year = lex.periods[key("period")]
        n = lex.ordinals.get(key("ord")) or int(group("ord")[0])  # «втором», «II», «2-м»
        if n * size > 12:
            return None
        return replace(side, kind="period", months=(n * size - size + 1, n * size), needs_year=needs_year)
    if group("mw"):
        n = int(group("n")) if group("n").isdigit() else lex.numerals[key("n")]
        return replace(side, kind="first", months=(1, n), needs_year=True) if 1 <= n <= 12 else None
    if group("season"):
        return replace(side, kind="season", months=lex.seasons[key("season")], needs_year=True)
    month = group("month") or group("mon")
    if month:
        number = lex.months[_key(month)]
        day = int(group("day")) if group("day") else None
        return replace(side, kind="day" if day else "month", months=(number, number), day=day)
    if group("dayonly"):
        return replace(side, kind="dayonly", day=int(group("dayonly")))
    return side if years or relative is not None else None


def _alone(side: Side, year_context: bool, noun_after: bool) -> bool:
    """Whether a side standing alone is a date; ``year_context``: after a preposition or in brackets."""
    stated = side.years is not None or side.relative is not None
    if side.kind == "dayonly" or (side.needs_year and not stated):
        return False
    if side.kind == "month":
        return stated or side.part or year_context
    if side.kind == "decade":
        return side.year_word or not noun_after  # «90-е», not «10-х классов»
    if side.kind == "year":
        return side.part or (side.years is not None and (
            side.year_word or (year_context and not noun_after)))
    return True


def _range(first: Side, last: Side, noun_after: bool) -> tuple[Side, Side] | None:
    """The two sides of a range, the first completed from the last; None if they make none."""
    if last.kind == "dayonly" or (last.kind == "year" and last.years is None):
        return None
    if (first.kind == "year" and first.years is None) or (first.years and last.years is None):
        return None  # «прошлого года по …», «2000–мая»
    if first.kind == "dayonly":
        if last.kind != "day":
            return None
        first = replace(first, kind="day", months=last.months)
    if last.kind == "year" and not last.year_word and noun_after:
        return None  # «с 1500 до 2000 сомов»
    if first.years is None and first.relative is None:
        first = replace(first, years=last.years, relative=last.relative, inherited=True)
    if (first.needs_year or last.needs_year) and last.years is None and last.relative is None:
        return None
    return first, last


def _with_year(side: Side, year: int | None) -> Side:
    return side if side.years is not None or year is None else replace(side, years=(year, year))


def _start(side: Side) -> Date:
    years, months = side.years or (None, None), side.months or (None, None)
    return years[0], months[0], side.day


def _end(side: Side) -> Date:
    years, months = side.years or (None, None), side.months or (None, None)
    return years[1], months[1], side.day


def _valid(date: Date) -> bool:
    year, month, day = date
    if month is not None and not 1 <= month <= 12:
        return False
    return day is None or (month is not None and 1 <= day <= calendar.monthrange(year or 2000, month)[1])


def _bounds(date: Date, last: bool) -> tuple[int, int, int]:
    """The first (or last) day a partial date can mean, to compare dates of any precision."""
    year, month, day = date
    month = month or (12 if last else 1)
    return (year or 2000, month, day or (calendar.monthrange(year or 2000, month)[1] if last else 1))


def iso(date: Date) -> str:
    """«YYYY», «YYYY-MM» or «YYYY-MM-DD»; without a year, «MM» or «MM-DD»."""
    year, month, day = date
    parts = [f"{year:04d}"] if year is not None else []
    parts += [f"{month:02d}"] if month is not None else []
    parts += [f"{day:02d}"] if day is not None else []
    return "-".join(parts)


def value(found: Found, year: int | None = None, source: str | None = None) -> dict[str, Any] | None:
    """The span value of a date expression; ``year`` for one that does not state its own."""
    first, last = _with_year(found.first, year), _with_year(found.last, year)
    start, end = _start(first), _end(last)
    backwards = _bounds(start, False) > _bounds(end, True)
    if backwards and first.inherited and first.years is not None:  # «с 20 декабря по 10 января»
        first = replace(first, years=(first.years[0] - 1, first.years[0] - 1))
        start, backwards = _start(first), False
    if not (_valid(start) and _valid(end)) or (backwards and first.years is not None):
        return None
    if last.years is None:
        if last.months is None:
            return None  # «начале этого года» with no publication date: nothing to tell
        return {"start": None, "end": None, "month_day": {"start": iso(start), "end": iso(end)}}
    result: dict[str, Any] = {"start": iso(start), "end": iso(end)}
    if source:
        result["year_from"] = source
    return result


def normal(text: str) -> str:
    """The surface, cleaned: whitespace runs to one space, a space after digits glued to a word."""
    return re.sub(r"(?<=\d)(?=[^\W\d_])", " ", " ".join(text.split()))


def meta_year(doc: Doc) -> int | None:
    """The year of the publication date in ``doc._.meta["date"]`` («2023-05-12»), if any."""
    match = re.match(YEAR, str((doc._.meta or {}).get("date") or ""))
    return int(match.group()) if match else None


class DateFinder:
    """Date expressions of one document, left to right, none overlapping."""

    def __init__(self, doc: Doc, lex: DateLexicon):
        self.doc, self.lex, self.text = doc, lex, text_of(doc)
        self.words = words_of(doc)
        self.starts = [token.idx for token in self.words]

    def _noun_after(self, end: int) -> bool:
        """Whether what follows is counted by the number: a noun not in the nominative
        («в 2000 раз», but «в 2014 мэрия»), also after the rest of a range («с 2000 до 3000 человек»)."""
        index, words = bisect_left(self.starts, end), self.words
        while index + 1 < len(words) and words[index + 1].like_num and (
                words[index].lower_ in self.lex.range_close or re.fullmatch(DASH, words[index].text)):
            index += 2
        if index == len(self.words):
            return False
        token = self.words[index]
        if not token.pos_:  # no tagger in the pipeline
            return token.is_alpha and token.is_lower
        return token.pos_ in COUNTED and "Nom" not in token.morph.get("Case")

    def _year_context(self, index: int, end: int) -> bool:
        """After a preposition («в 2014»), or alone in brackets («(1984)»)."""
        before = self.words[index - 1].lower_ if index > 0 else ""
        return before in self.lex.prepositions or (before == "(" and self.text[end : end + 1] == ")")

    def _read(self, match: re.Match, pattern: int, index: int) -> Found | None:
        start, end = match.span()
        if self.doc.char_span(start, end) is None and match.group().endswith("."):
            end -= 1  # «2024 г..»: the dot is inside the token «..», the span ends before it
        first = read_side(match, "a_", self.lex)
        if first is None or self.doc.char_span(start, end) is None:
            return None
        noun_after = self._noun_after(end)
        if pattern == 2:  # a single side
            return Found(start, end, first, first) if _alone(
                first, self._year_context(index, end), noun_after) else None
        last = read_side(match, "b_", self.lex)
        sides = _range(first, last, noun_after) if last is not None else None
        return Found(start, end, *sides) if sides else None

    def __iter__(self):
        text, end = folded(self.text), 0
        for index, word in enumerate(self.words):
            if word.idx < end or not (word.text[0].isdigit() or _first_key(word.lower_) in self.lex.starters):
                continue
            for number, pattern in enumerate(self.lex.patterns):
                match = pattern.match(text, word.idx)
                found = match and self._read(match, number, index)
                if found:
                    end = found.end
                    yield found
                    break


def _coordinated_year(found: list[Found], k: int, text: str, lex: DateLexicon) -> int | None:
    """The year of the next date when only «и»/«или»/«,» stand between («марте и апреле 2022 года»)."""
    if k + 1 < len(found) and found[k + 1].has_year:
        if text[found[k].end : found[k + 1].start].strip().lower() in lex.coordinators:
            return found[k + 1].first.years[0]
    return None


def _missing_year(found: list[Found], k: int, text: str, lex: DateLexicon, published: int | None,
                  context: int | None) -> tuple[int | None, str | None]:
    """The year of a date that does not state one, and where it comes from («meta», «context»)."""
    if found[k].last.relative is not None:  # «мае прошлого года»
        return (published + found[k].last.relative, "meta") if published is not None else (None, None)
    if (year := _coordinated_year(found, k, text, lex)) is not None:
        return year, "context"
    if published is not None:
        return published, "meta"
    return (context, "context") if context is not None else (None, None)


def dates(doc: Doc) -> list[tuple[Found, dict[str, Any]]]:
    """The document's date expressions with their values (see the module docstring)."""
    lex = lexicon()
    finder = DateFinder(doc, lex)
    found = list(finder)
    published = meta_year(doc)
    results, context = [], None
    for k, item in enumerate(found):
        year, source = (None, None) if item.has_year else \
            _missing_year(found, k, finder.text, lex, published, context)
        result = value(item, year, source)
        if result is None:
            continue
        results.append((item, result))
        if item.has_year and result["start"][:4] == result["end"][:4]:
            context = int(result["start"][:4])
    return results


class DateRecognizer(DocComponent):
    """Adds DATE spans with ``span._.normal`` (the cleaned surface) and ``span._.value``."""

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for found, result in dates(doc):
            span = doc.char_span(found.start, found.end, label="DATE")
            span._.normal = normal(span.text)
            span._.value = result
            spans.append(span)
        add_spans(doc, spans)
        return doc


@Language.factory("munitext_dates")
def make_date_recognizer(nlp: Language, name: str) -> DateRecognizer:
    return DateRecognizer()
