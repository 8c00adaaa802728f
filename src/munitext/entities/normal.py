"""Normal (nominative) forms of entity names, by agreement with the head word."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Span, Token

from ..grammar import (
    Reading,
    agreement,
    best_reading,
    feminine_surname,
    inflect,
    match_case,
    readings,
)
from ..morph import feats_of

AGREEING_POS = ("ADJ", "DET", "NUM", "VERB")  # adjectives, ordinals, participles
NOMINALS = ("NOUN", "PROPN")
PERSON_GRAMMEMES = frozenset({"Name", "Surn", "Patr"})
AGREEMENT_FEATURES = ("Case", "Number", "Gender")


def _has_letters(token: Token) -> bool:
    return any(char.isalpha() for char in token.text)


def _reading(token: Token) -> Reading | None:
    """The token's reading in context, or None for words without case (punctuation, digits)."""
    if "Case=" not in str(token.morph) or not _has_letters(token):
        return None
    return best_reading(token.text, token.pos_, feats_of(str(token.morph)))


def _nominative(token: Token, reading: Reading, number: str | None) -> str:
    """The token's word in the nominative (and ``number``, when given), in the token's letter case."""
    wanted = {"nomn"} | ({number} if number else set())
    if "Pltm" in reading.grammemes:
        wanted.discard("sing")
    word = inflect(reading, wanted) or inflect(reading, {"nomn"})
    if word is None:
        return token.text
    if "ё" not in token.text.lower():
        word = word.replace("ё", "е")
    return match_case(word, token.text)


def _indeclinable(reading: Reading | None) -> bool:
    """A lexicon noun that does not decline («окмоту»): as a head it counts as nominative."""
    return reading is not None and reading.pos in NOMINALS and not reading.grammemes


def _is_head(reading: Reading | None) -> bool:
    return reading is not None and reading.pos in NOMINALS


def normalize_tokens(tokens: Sequence[Token], label: str) -> str:
    """The nominative form of a name made of ``tokens``, with the original spacing kept.

    Persons: every word to the nominative singular. Others: the head (first noun) and the
    words before it that agree with it; words after the head stay as written.
    """
    words = [token.text for token in tokens]
    if label == "PER":
        chosen = _person(tokens)
    else:
        chosen = _phrase(tokens)
    for k, reading, number in chosen:
        words[k] = _nominative(tokens[k], reading, number)
    return _join(words, tokens)


Choice = tuple[int, Reading, str | None]  # token index, its reading, the number wanted


def _phrase(tokens: Sequence[Token]) -> list[Choice]:
    """Which words of a place or organisation name change, and how."""
    found = [_reading(token) for token in tokens]
    found = [_not_a_person(found, k) for k in range(len(found))]
    for k, token in enumerate(tokens):  # an indeclinable lexicon noun tagged without case
        if found[k] is None and _has_letters(token):
            lexical = best_reading(token.text, token.pos_, {})
            found[k] = lexical if _indeclinable(lexical) else None
    head = next((k for k, reading in enumerate(found) if _is_head(reading)), None)
    if head is None:
        return [(k, reading, None) for k, reading in enumerate(found)
                if reading is not None and reading.pos in AGREEING_POS]
    if _indeclinable(found[head]) or found[head].feature("Case") == "Nom":
        return []
    modifiers = []
    for k in range(head):
        reading = found[k] or _agreeing(tokens[k], found[head])
        if reading is not None and reading.pos in AGREEING_POS:
            modifiers.append((k, reading))
    number = modifiers[-1][1].feature("Number") if modifiers else None
    number = {"Plur": "plur"}.get(number or "", "sing")
    return [(k, reading, number) for k, reading in modifiers + [(head, found[head])]]


def _not_a_person(found: list[Reading | None], k: int) -> Reading | None:
    """A name or surname reading gives way to an adjective reading that agrees with the next
    noun: «Джалал-Абадской облгосадминистрации» is a place, not Mrs Dzhalal-Abadskaya's."""
    reading = found[k]
    following = found[k + 1] if k + 1 < len(found) else None
    if reading is None or not reading.grammemes & PERSON_GRAMMEMES or not _is_head(following):
        return reading
    adjectives = [r for r in readings(reading.word) if r.pos == "ADJ" and _agrees(r, following)]
    return adjectives[0] if adjectives else reading


def _agrees(reading: Reading, head: Reading) -> bool:
    return all(reading.feature(name) in (None, head.feature(name)) for name in AGREEMENT_FEATURES)


def _agreeing(token: Token, head: Reading) -> Reading | None:
    """For a word tagged without case before the head: its reading that agrees with the head."""
    if not _has_letters(token):
        return None
    wanted = {name: value for name in AGREEMENT_FEATURES if (value := head.feature(name))}
    return best_reading(token.text, token.pos_, wanted)


def _person(tokens: Sequence[Token]) -> list[Choice]:
    """Every word of a person's name to the nominative singular, in the gender of the name."""
    tags = [feats_of(str(token.morph)) if "Case=" in str(token.morph) and _has_letters(token)
            else None for token in tokens]
    gender = _name_gender(tokens, tags)
    chosen = []
    for k, token in enumerate(tokens):
        if tags[k] is None:
            continue
        reading = _person_reading(token, tags[k], gender)
        if reading is not None:
            chosen.append((k, reading, "sing"))
    return chosen


def _singular(reading: Reading) -> bool:
    return reading.feature("Number") != "Plur" and "voct" not in reading.grammemes


def _named(word: str) -> tuple[Reading, ...]:
    """A word's singular readings as a first name, surname or patronymic, else as any noun
    (a person is one: plurals and vocatives of guessed names are noise); a woman's surname
    ending («-овой») keeps the feminine readings."""
    found = readings(word.lower())
    named = tuple(r for r in found if r.grammemes & PERSON_GRAMMEMES and _singular(r))
    if feminine_surname(word):
        named = tuple(r for r in named if r.feature("Gender") == "Fem") or named
    return named or tuple(r for r in found if r.pos in NOMINALS and _singular(r))


def _name_gender(tokens: Sequence[Token], tags: list[dict[str, str] | None]) -> str | None:
    """The gender of the first word of the span whose first-name readings all have one gender."""
    for token, tag in zip(tokens, tags):
        if tag is None:
            continue
        genders = {r.feature("Gender") for r in _named(token.text) if "Name" in r.grammemes}
        if len(genders) == 1 and None not in genders:
            return genders.pop()
    return None


def _person_reading(token: Token, tag: Mapping[str, str], gender: str | None) -> Reading | None:
    """The reading of a word of a person's name (see ``_named``), in the name's gender when
    the form allows both; None (keep as written) when there is none and the tag is nominative."""
    named = _named(token.text)
    same = tuple(r for r in named if r.feature("Gender") in (gender, None))
    candidates = same if gender and same else named
    if not candidates:
        return None if tag.get("Case") == "Nom" else best_reading(token.text, token.pos_, tag)
    return max(candidates, key=lambda r: agreement(r, token.pos_, tag))


def _join(words: Sequence[str], tokens: Sequence[Token]) -> str:
    """Words joined as their tokens were: a space where the text had any whitespace."""
    parts = [words[0]] if words else []
    for index in range(1, len(tokens)):
        previous = tokens[index - 1]
        gap = tokens[index].idx > previous.idx + len(previous.text)
        parts.append((" " if gap else "") + words[index])
    return "".join(parts)


def normal_form(span: Span) -> str:
    """The nominative form of a PER, LOC or ORG span: «Кыргызской Республике» → «Кыргызская Республика»."""
    return normalize_tokens([token for token in span if not token.is_space], span.label_)


def nominative_name(token: Token, gender: str) -> str:
    """A name word in the nominative singular; adjectives take the descriptor's gender."""
    reading = best_reading(token.text, token.pos_, feats_of(str(token.morph)))
    if reading is None or reading.pos != "ADJ":
        return token.text if reading is None or reading.pos != "NOUN" else \
            match_case(inflect(reading, {"nomn", "sing"}) or token.text, token.text)
    return match_case(inflect(reading, {"nomn", "sing", gender}) or token.text, token.text)
