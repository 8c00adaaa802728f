"""Helpers for the parametrised test tables."""

import re

# pytest escapes non-ASCII test ids ("\u0430..."); a transliteration keeps them readable.
_LATIN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяңөү",
                  "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch '' y ' e yu ya"
                  " ng o u".split(" ")))


def latin(text: str) -> str:
    """A readable ASCII test id for Cyrillic text."""
    return "".join(_LATIN.get(char.lower(), char) for char in text)


def where(sentence: str, text: str) -> tuple[int, int]:
    """Character offsets of ``text`` as a whole-word part of ``sentence``."""
    match = re.search(rf"(?<!\w){re.escape(text)}(?!\w)", sentence)
    assert match, f"{text!r} is not a whole-word part of {sentence!r}"
    return match.start(), match.end()


def folded(text: str) -> str:
    """ё written as е, for comparing normal forms."""
    return text.replace("ё", "е").replace("Ё", "Е")


def dated(nlp, text: str, date: str | None = None):
    """The analysed document of ``text`` with ``date`` as its publication date (``meta.date``)."""
    doc = nlp.make_doc(text)
    doc._.meta = {"date": date} if date else {}
    return nlp(doc)
