"""Normal (nominative) forms of entity names, by agreement with the head word."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from ..grammar import Reading, best_reading, inflect, match_case
from ..morph import feats_of

AGREEING_POS = ("ADJ", "DET", "NUM", "VERB")  # adjectives, ordinals, participles


def _reading(token: Token) -> Reading | None:
    """The token's reading in context, or None for words without case (punctuation, digits)."""
    if "Case=" not in str(token.morph) or not any(char.isalpha() for char in token.text):
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


def _is_head(reading: Reading | None) -> bool:
    return reading is not None and reading.pos == "NOUN" and bool(reading.grammemes)


def normalize_tokens(tokens: Sequence[Token], label: str) -> str:
    """The nominative form of a name made of ``tokens``, with the original spacing kept.

    Persons: every word to the nominative singular. Others: the head (first declinable
    noun) and the words before it that agree with it; words after the head stay as written.
    """
    readings = [_reading(token) for token in tokens]
    words = [token.text for token in tokens]
    if label == "PER":
        chosen = [(k, "sing") for k, reading in enumerate(readings) if reading is not None]
    else:
        head = next((k for k, reading in enumerate(readings) if _is_head(reading)), None)
        before = readings if head is None else readings[:head]
        modifiers = [k for k, reading in enumerate(before)
                     if reading is not None and reading.pos in AGREEING_POS]
        if head is None:
            chosen = [(k, None) for k in modifiers]
        elif readings[head].feature("Case") == "Nom":
            chosen = []
        else:
            number = readings[modifiers[-1]].feature("Number") if modifiers else None
            number = {"Plur": "plur"}.get(number or "", "sing")
            chosen = [(k, number) for k in modifiers + [head]]
    for k, number in chosen:
        words[k] = _nominative(tokens[k], readings[k], number)
    return _join(words, tokens)


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
