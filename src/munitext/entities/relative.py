"""DATE, relative: «вчера», «в четверг», «в прошлом году», «на этой неделе», «два месяца назад»,
«в тот же день», «на следующий день» (words in ``data/relative_dates.json``).

As for other dates, a leading preposition stays out of the span. ``span._.value`` is
``{"start", "end", "relative"}`` and, once resolved, ``"anchor"``. ``relative`` says what the
text says: ``{"unit": "day" | "week" | "month" | "year" | "weekday" | "weekend", "offset": n,
"to": "publication" | "context"}``; a weekday also has ``"weekday"`` (1 = Monday) and a named
month of a shifted year («в следующем мае») ``"month"``, and a range up to the anchor («последние
10 лет») ``"period": true``; the offset of a weekday or weekend is
−1, 0 or 1 for «прошлую», «эту», «следующую», and None where the text gives no number
(«несколько дней назад», «последние недели», a weekday alone).
``start`` and ``end`` are ISO dates counted from the publication date (``doc._.meta["date"]``,
``anchor`` «meta»), or for «тот же год» and «на следующий день» from the last date before it in
the text (``anchor`` «context»); both are None when that date is not known or not precise enough.

A calendar unit («на этой неделе», «в прошлом месяце») is the whole unit; «N … назад» is one
point as precise as its unit; «последние N …» the range from that point to the publication
date. A weekday without «прошлый»/«следующий» is the nearest one before
the publication date (that day included) when the verb nearest to it is in the past tense, the
next one after it when in the future, and the nearer of the two otherwise.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..component import DocComponent
from ..datafiles import read_json
from ..extensions import SPAN_KEY, add_spans
from ..resources import morph_analyzer
from ..text import words_of
from .dates import lexicon as date_lexicon
from .dates import normal
from .numbers import continues, phrase_at, plain, read_number, word_key
from .resolve import non_overlapping

Anchor = tuple[int, int | None, int | None]  # year, month, day as precise as known
_ISO = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")


@dataclass(frozen=True, slots=True)
class Relative:
    """A relative date expression over ``words[start:end]``."""

    start: int
    end: int
    unit: str  # day, week, month, year, weekday, weekend
    offset: int | float | None
    to: str  # publication, context
    weekday: int | None = None  # 1 = Monday
    month: int | None = None  # a named month of a shifted year («в следующем мае»)
    point: bool = False  # «неделю назад» is a day, «на этой неделе» the whole week
    period: bool = False  # «последние 10 лет»: from the point to the anchor


@dataclass(frozen=True, slots=True)
class RelativeLexicon:
    """The tables of ``data/relative_dates.json``."""

    deictic: dict[str, int]
    deictic_adjectives: dict[str, int]
    day_words: frozenset[str]
    weekdays: dict[str, int]
    weekday_forms: dict[str, frozenset[str]]
    weekend: frozenset[str]
    prepositions: frozenset[str]
    shifts: dict[str, int | None]
    periods: dict[str, int]
    story_shifts: frozenset[str]
    same: frozenset[str]
    same_particles: frozenset[str]
    units: dict[str, str]
    story_units: frozenset[str]
    phrases: dict[tuple[str, ...], int | None]
    ago: dict[str, tuple[int, str]]
    ago_fillers: frozenset[str]
    after: frozenset[str]
    vague: frozenset[str]

    @property
    def lemmas_ahead(self) -> frozenset[str]:
        """The lemmas an expression may start with."""
        return frozenset({*self.deictic, *self.deictic_adjectives, *self.shifts, *self.same, *self.weekdays})

    @property
    def words_ahead(self) -> frozenset[str]:
        """Word forms an expression may start with that are not inflected lemmas."""
        return frozenset({*self.weekend, *self.after, *(phrase[0] for phrase in self.phrases)})


@cache
def lexicon() -> RelativeLexicon:
    data = {key: frozenset(value) if isinstance(value, list) else value
            for key, value in read_json("relative_dates.json").items() if not key.startswith("_")}
    data["weekday_forms"] = {lemma: frozenset(forms) for lemma, forms in data["weekday_forms"].items()}
    data["phrases"] = {tuple(phrase.split()): offset for phrase, offset in data["phrases"].items()}
    data["ago"] = {word: (sign, to) for word, (sign, to) in data["ago"].items()}
    return RelativeLexicon(**data)


@cache
def _marks() -> frozenset[str]:
    """Every word form (lower case, «е» for «ё») that may start or end an expression: the forms
    of every reading of the lexicon's lemmas, and its plain words. Other words are skipped."""
    lex, analyzer = lexicon(), morph_analyzer()
    forms = {form.word for lemma in lex.lemmas_ahead for parse in analyzer.parse(lemma)
             for form in parse.lexeme}
    return frozenset({form.replace("ё", "е") for form in forms} | lex.lemmas_ahead | lex.words_ahead
                     | set(lex.ago))


def find_relative(words: Sequence[Token]) -> list[Relative]:
    """The relative date expressions among a document's non-space words, none overlapping."""
    lex, marks = lexicon(), _marks()
    found = [item for k, word in enumerate(words) if word.lower_.replace("ё", "е") in marks
             for item in (_ahead(words, k, lex), _ago(words, k, lex)) if item]
    return non_overlapping(found, lambda item: (item.start - item.end, item.start))


def _ahead(words: Sequence[Token], k: int, lex: RelativeLexicon) -> Relative | None:
    """An expression that starts at word ``k``: «вчера», «сегодняшний день», «прошлом году», «том же
    году», «минувшую пятницу», «следующем мае», «выходные», «четверг», «через несколько недель»."""
    key = word_key(words[k])
    if key in lex.deictic:
        return Relative(k, k + 1, "day", lex.deictic[key], "publication")
    for phrase, offset in lex.phrases.items():
        if phrase_at(words, k, phrase):
            return Relative(k, k + len(phrase), "day", offset, "publication")
    if key in lex.deictic_adjectives and continues(words, k + 1) and word_key(words[k + 1]) in lex.day_words:
        return Relative(k, k + 2, "day", lex.deictic_adjectives[key], "publication")
    if key in lex.shifts or key in lex.same:
        return _shifted(words, k, key, lex)
    weekday = _weekday(words, k, lex)
    if weekday is not None:
        return Relative(k, k + 1, "weekday", None, "publication", weekday)
    if words[k].text.lower() in lex.weekend and k > 0 and word_key(words[k - 1]) in lex.prepositions \
            and continues(words, k):
        return Relative(k, k + 1, "weekend", None, "publication")
    if words[k].text.lower() in lex.after and continues(words, k + 2) \
            and word_key(words[k + 1]) in lex.vague and word_key(words[k + 2]) in lex.units:
        return Relative(k, k + 3, lex.units[word_key(words[k + 2])], None, "context", point=True)
    return None


def _shifted(words: Sequence[Token], k: int, key: str, lex: RelativeLexicon) -> Relative | None:
    """An expression that starts with a shift or «тот» at word ``k``: «прошлом году», «том же году»,
    «последние 10 лет», «минувшую пятницу», «прошлые выходные», «следующем мае»."""
    j = k + 1
    same = key in lex.same
    if continues(words, j) and word_key(words[j]) in lex.same_particles:
        j, same = j + 1, True  # «том же году», «этом же году»
    if not continues(words, j):
        return None
    number = read_number(words, j) if key in lex.periods and not same else None
    if number is not None and number.low is None and continues(words, number.end) \
            and word_key(words[number.end]) in lex.units:
        return Relative(k, number.end + 1, lex.units[word_key(words[number.end])],
                        lex.periods[key] * plain(number.value), "publication", point=True, period=True)
    unit = lex.units.get(word_key(words[j]))
    if unit is not None:
        if same:
            return Relative(k, j + 1, unit, 0, "context")
        to = "context" if unit in lex.story_units or key in lex.story_shifts else "publication"
        return Relative(k, j + 1, unit, lex.shifts[key], to)
    if same:
        return None
    weekday = _weekday(words, j, lex)
    if weekday is not None:
        return Relative(k, j + 1, "weekday", lex.shifts[key], "publication", weekday)
    if words[j].text.lower() in lex.weekend:
        return Relative(k, j + 1, "weekend", lex.shifts[key], "publication")
    month = date_lexicon().months.get(words[j].text.lower().replace("ё", "е"))
    if month is not None and lex.shifts[key] is not None:
        return Relative(k, j + 1, "year", lex.shifts[key], "publication", month=month)
    return None


def _weekday(words: Sequence[Token], k: int, lex: RelativeLexicon) -> int | None:
    """The weekday word ``k`` names (1 = Monday): not a capitalised name inside a sentence («Пятница»),
    and a word that is also a common noun («среда») only in its weekday form after a preposition."""
    token = words[k]
    key = word_key(token)
    if key not in lex.weekdays or (token.text[0].isupper() and not token.is_sent_start):
        return None
    if "Plur" in token.morph.get("Number") and "Dat" in token.morph.get("Case"):
        return None  # «по понедельникам»: every Monday
    forms = lex.weekday_forms.get(key)
    if forms is not None:
        before = word_key(words[k - 1]) if k > 0 and not token.is_sent_start else ""
        if token.text.lower() not in forms or not (before in lex.prepositions or before in lex.shifts):
            return None
    return lex.weekdays[key]


def _ago(words: Sequence[Token], k: int, lex: RelativeLexicon) -> Relative | None:
    """An expression that ends with «назад» (or «позже», «ранее», …) at word ``k``: «два месяца
    назад», «год тому назад», «несколько дней назад», «годом позже»."""
    if words[k].text.lower() not in lex.ago or k == 0 or words[k].is_sent_start:
        return None
    sign, to = lex.ago[words[k].text.lower()]
    j = k - 1
    if words[j].text.lower() in lex.ago_fillers and j > 0 and not words[j].is_sent_start:
        j -= 1
    unit = lex.units.get(word_key(words[j]))
    if unit is None:
        return None
    for i in range(j - 1, max(j - 4, -1), -1):
        number = read_number(words, i)
        if number is not None and number.end == j and number.low is None:
            return Relative(i, k + 1, unit, sign * plain(number.value), to, point=True)
    if j > 0 and not words[j].is_sent_start and word_key(words[j - 1]) in lex.vague:
        return Relative(j - 1, k + 1, unit, None, to, point=True)
    return Relative(j, k + 1, unit, sign, to, point=True)


def parse_anchor(text: Any) -> Anchor | None:
    """«2023», «2023-05» or «2023-05-12» (the start of a longer string) as a date that exists."""
    match = _ISO.match(str(text or ""))
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        datetime.date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError:
        return None
    return year, month, day


def resolve(item: Relative, anchor: Anchor | None, tense: str | None = None) -> tuple[str, str] | None:
    """The first and last ISO date an expression means, counted from ``anchor``; None when the
    anchor is not precise enough or the offset is not a whole number."""
    if anchor is None or (item.offset is None and item.unit not in ("weekday", "weekend")) \
            or (item.offset is not None and item.offset != int(item.offset)):
        return None
    try:
        bounds = _bounds(item, anchor, tense)
        here = _bounds(replace(item, offset=0, point=True), anchor, tense) if item.period else None
    except OverflowError:
        return None
    if bounds is None or here is None:
        return bounds if not item.period else None
    return min(bounds[0], here[0]), max(bounds[1], here[1])


def _bounds(item: Relative, anchor: Anchor, tense: str | None) -> tuple[str, str] | None:
    year, month, day = anchor
    offset = int(item.offset or 0)
    if item.unit == "year":
        shifted = year + offset
        return (f"{shifted:04d}" + (f"-{item.month:02d}" if item.month else ""),) * 2 if shifted > 0 else None
    if month is None:
        return None
    if item.unit == "month":
        total = year * 12 + month - 1 + offset
        return (f"{total // 12:04d}-{total % 12 + 1:02d}",) * 2 if total >= 12 else None
    return _days(item, datetime.date(year, month, day), tense) if day is not None else None


def _days(item: Relative, date: datetime.date, tense: str | None) -> tuple[str, str]:
    """Resolve a day, a week or a weekday from a full date."""
    if item.unit == "weekend":
        saturday = _weekday_date(date, 6, item.offset, tense)
        return saturday.isoformat(), (saturday + datetime.timedelta(days=1)).isoformat()
    if item.unit == "weekday":
        date = _weekday_date(date, item.weekday, item.offset, tense)
    elif item.unit == "week" and not item.point:
        first = date - datetime.timedelta(days=date.isoweekday() - 1, weeks=-item.offset)
        return first.isoformat(), (first + datetime.timedelta(days=6)).isoformat()
    else:
        date += datetime.timedelta(days=item.offset * (7 if item.unit == "week" else 1))
    return (date.isoformat(),) * 2


def _weekday_date(date: datetime.date, weekday: int, offset: int | None, tense: str | None) -> datetime.date:
    """The weekday before or after ``date`` that ``offset`` or, without one, the tense points to."""
    back = (date.isoweekday() - weekday) % 7
    ahead = (weekday - date.isoweekday()) % 7 or 7
    if offset == -1:
        return date - datetime.timedelta(days=back or 7)
    if offset == 1 or tense == "Fut":
        return date + datetime.timedelta(days=ahead)
    if tense == "Past" or back <= ahead:
        return date - datetime.timedelta(days=back)
    return date + datetime.timedelta(days=ahead)


def tense_near(span: Span) -> str | None:
    """The tense of the verb nearest to the span in its sentence («Past», «Pres», «Fut»)."""
    sentence = span.sent
    verbs = [token for token in sentence if token.morph.get("Tense")]
    if not verbs:
        return None
    nearest = min(verbs, key=lambda token: min(abs(token.i - span.start), abs(token.i - span.end + 1)))
    return nearest.morph.get("Tense")[0]


class RelativeDateRecognizer(DocComponent):
    """Adds relative DATE spans («вчера», «в прошлом году») where no other date is, with their value."""

    def __call__(self, doc: Doc) -> Doc:
        words = words_of(doc)
        dates = [span for span in doc.spans.get(SPAN_KEY, []) if span.label_ == "DATE"]
        taken = {i for span in dates for i in range(span.start, span.end)}
        published = parse_anchor((doc._.meta or {}).get("date"))
        context = sorted((span.end_char, anchor) for span in dates
                         if (anchor := parse_anchor((span._.value or {}).get("end"))) is not None)
        spans = []
        for item in find_relative(words):
            span = Span(doc, words[item.start].i, words[item.end - 1].i + 1, label="DATE")
            if taken.intersection(range(span.start, span.end)):
                continue
            before = [anchor for end, anchor in context if end <= span.start_char]
            anchor, source = (published, "meta") if item.to == "publication" else \
                (before[-1] if before else None, "context")
            bounds = resolve(item, anchor, tense_near(span) if item.unit in ("weekday", "weekend") else None)
            relative = {"unit": item.unit, "offset": item.offset, "to": item.to}
            relative |= {name: getattr(item, name) for name in ("weekday", "month", "period")
                         if getattr(item, name)}
            span._.normal = normal(span.text)
            span._.value = {"start": bounds[0], "end": bounds[1], "relative": relative, "anchor": source} \
                if bounds else {"start": None, "end": None, "relative": relative}
            spans.append(span)
            if bounds:
                context = sorted([*context, (span.end_char, parse_anchor(bounds[1]))])
        add_spans(doc, spans)
        return doc


@Language.factory("munitext_relative_dates")
def make_relative_date_recognizer(nlp: Language, name: str) -> RelativeDateRecognizer:
    return RelativeDateRecognizer()
