"""Helpers for the parametrised test tables."""

# pytest escapes non-ASCII test ids ("\u0430..."); a transliteration keeps them readable.
_LATIN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяңөү",
                  "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch '' y ' e yu ya"
                  " ng o u".split(" ")))


def latin(text: str) -> str:
    """A readable ASCII test id for Cyrillic text."""
    return "".join(_LATIN.get(char.lower(), char) for char in text)
