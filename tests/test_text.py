"""Segmentation: razdel tokens and sentences, offsets, whitespace."""

import pytest
import razdel
from hypothesis import given, settings
from hypothesis import strategies as st

from munitext.text import _razdel_bounds


@pytest.mark.parametrize(("text", "tokens"), [
    ("Ивановский АА (Чуйская область).",
     ["Ивановский", "АА", "(", "Чуйская", "область", ")", "."]),
    ("1 ноября 2011года", ["1", "ноября", "2011", "года"]),
    ("с 2012-го по 2014 год", ["с", "2012-го", "по", "2014", "год"]),
    ("74957,7 тыс. сомов", ["74957,7", "тыс", ".", "сомов"]),
    ("а/а Кош-Добо", ["а", "/", "а", "Кош-Добо"]),
    ("«Муниципалитет» №4", ["«", "Муниципалитет", "»", "№", "4"]),
    ("Чуйской обл.. Затем", ["Чуйской", "обл", ".", ".", "Затем"]),
    ("и так далее...", ["и", "так", "далее", "..."]),
])
def test_tokens(nlp, text, tokens):
    doc = nlp.make_doc(text)
    assert [t.text for t in doc if not t.is_space] == tokens


@pytest.mark.parametrize("text", [
    "", " ", "\n\n", "  два  пробела  ", "\tтаб\t", "\n\nАбзац.\n\n\nЕщё абзац.  ",
    "без\u00a0разрыва", "строка\r\nвторая",
])
def test_text_is_kept_exactly(nlp, text):
    doc = nlp.make_doc(text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text


def test_sentences(nlp):
    text = "Сессия прошла 31 января. В ней участвовали около 60 человек.\n\nПроект начался в 2011 г. и идёт."
    doc = nlp.make_doc(text)
    assert [s.text.strip() for s in doc.sents] == [
        "Сессия прошла 31 января.", "В ней участвовали около 60 человек.",
        "Проект начался в 2011 г. и идёт."]


def test_leading_whitespace_makes_no_empty_sentence(nlp):
    doc = nlp.make_doc("\n  Первое предложение. Второе.")
    assert [s.text.strip() for s in doc.sents] == ["Первое предложение.", "Второе."]


# The tokenizer asks razdel's rules only where no space separates two atoms (text._razdel_bounds);
# its bounds must be razdel's own on any text.
RAZDEL_PIECES = [
    "Ивановский", "АА", "а/а", "Кош-Добо", "2011года", "2012-го", "74957,7", "тыс.", "г.", "обл..", "...",
    "«", "»", "(", ")", "№4", "1.250.000", "e-mail", "http://x.kg", ":)", "—", "-", "'", "\"", "т.е.",
    "т.д.", "США", "ЕГЭ-2013", "COVID-19", "5-ти", "+20", "$1,2", "½", "\u00a0", "\n", " ",
]


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=60),
                 st.lists(st.sampled_from(RAZDEL_PIECES), max_size=20).map("".join),
                 st.lists(st.sampled_from(RAZDEL_PIECES), max_size=20).map(" ".join)))
def test_token_bounds_are_razdels(text):
    assert _razdel_bounds(text) == [(token.start, token.stop) for token in razdel.tokenize(text)]
