"""Numbers in digits and words (``munitext.entities.numbers``): values, ranges, scales, ordinals."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from munitext.entities.numbers import digits_text, parse_digits, parse_token, plain, read_number


@pytest.mark.parametrize(("text", "value"), [
    ("12", "12"), ("0", "0"), ("74957,7", "74957.7"), ("1,2", "1.2"), ("1.5", "1.5"), ("27.5", "27.5"),
    ("1.250.000", "1250000"), ("1.250", "1250"), ("1.250,5", "1250.5"), ("1,250,000", "1250000"),
    ("1,250,000.5", "1250000.5"), ("0,8", "0.8"), ("007", "7"), (" 45 ", "45"),
])
def test_parse_digits(text, value):
    assert parse_digits(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "12a", "1,2,3", "1.2.3", "12.03.2023", "-5", "½", "1 250",
                                  "1" * 16, "12,", ",5"])
def test_parse_digits_refuses(text):
    assert parse_digits(text) is None


@pytest.mark.parametrize(("text", "parsed"), [
    ("12", (None, "12")), ("2,5", (None, "2.5")), ("7–9", ("7", "9")), ("7-9", ("7", "9")),
    ("2—3", ("2", "3")), ("1,5-2,5", ("1.5", "2.5")), ("5-ти", (None, "5")), ("3-х", (None, "3")),
    ("2-ух", (None, "2")), ("7-ми", (None, "7")), ("1970-х", (None, "1970")),
])
def test_parse_token(text, parsed):
    low, value = parsed
    assert parse_token(text) == (None if low is None else Decimal(low), Decimal(value))


@pytest.mark.parametrize("text", ["2012-го", "5-й", "3-я", "21-м", "9–7", "5-5", "abc", "тыс"])
def test_parse_token_refuses_ordinals_and_backward_ranges(text):
    assert parse_token(text) is None


@pytest.mark.parametrize(("value", "number", "text"), [
    ("74957700.0", 74957700, "74957700"), ("1.5", 1.5, "1.5"), ("2.40", 2.4, "2.4"), ("12", 12, "12"),
    ("1200000", 1200000, "1200000"), ("0.8", 0.8, "0.8"),
])
def test_plain_and_digits_text(value, number, text):
    assert plain(Decimal(value)) == number and type(plain(Decimal(value))) is type(number)
    assert digits_text(Decimal(value)) == text


def first_number(nlp, text):
    words = [token for token in nlp(text) if not token.is_space]
    number = read_number(words, 0)
    if number is None:
        return None
    return " ".join(w.text for w in words[number.start : number.end]), plain(number.value), \
        None if number.low is None else plain(number.low)


@pytest.mark.parametrize(("text", "words", "value", "low"), [
    ("74957,7 тыс. сомов", "74957,7 тыс .", 74957700, None),
    ("1 250 000 сомов", "1 250 000", 1250000, None),
    ("1\u00a0250\u00a0000 сомов", "1 250 000", 1250000, None),
    ("1\u202f250 человек", "1 250", 1250, None),
    ("48 612,4 тыс. сомов", "48 612,4 тыс .", 48612400, None),
    ("2,5млн сомов", "2,5 млн", 2500000, None),
    ("1,2 млн туристов", "1,2 млн", 1200000, None),
    ("3 млрд тенге", "3 млрд", 3000000000, None),
    ("12 тысяч голосов", "12 тысяч", 12000, None),
    ("5 миллионов сомов", "5 миллионов", 5000000, None),
    ("1,5 миллиона человек", "1,5 миллиона", 1500000, None),
    ("12 %", "12", 12, None),
    ("2019 году 120 человек", "2019", 2019, None),
    ("7–9 человек", "7–9", 9, 7),
    ("7 - 9 человек", "7 - 9", 9, 7),
    ("2–3 тыс. человек", "2–3 тыс .", 3000, 2000),
    ("12\n300 человек", "12", 12, None),
    ("5-ти лет", "5-ти", 5, None),
    ("четыре месяца", "четыре", 4, None),
    ("трех районов", "трех", 3, None),
    ("трёх районов", "трёх", 3, None),
    ("двадцати пяти сел", "двадцати пяти", 25, None),
    ("сто двадцать человек", "сто двадцать", 120, None),
    ("двести пятьдесят учеников", "двести пятьдесят", 250, None),
    ("полтора года", "полтора", 1.5, None),
    ("полтора миллиона сомов", "полтора миллиона", 1500000, None),
    ("полутора тысяч жителей", "полутора тысяч", 1500, None),
    ("двух тысяч человек", "двух тысяч", 2000, None),
    ("двести тысяч пятьсот сомов", "двести тысяч пятьсот", 200500, None),
    ("тысяча человек", "тысяча", 1000, None),
    ("двое детей", "двое", 2, None),
    ("одиннадцать пунктов", "одиннадцать", 11, None),
    ("сорока семей", "сорока", 40, None),
    ("девяноста дней", "девяноста", 90, None),
    ("двадцать одна школа", "двадцать одна", 21, None),
])
def test_read_number(nlp, text, words, value, low):
    assert first_number(nlp, text) == (words, value, low)


@pytest.mark.parametrize("text", [
    "2012-го года", "третий день", "первые три месяца", "тысячи туристов", "одна табличка",
    "одни жители", "тыс. сомов", "сотни фур", "Х", "не менее",
])
def test_read_number_refuses(nlp, text):
    words = [token for token in nlp(text) if not token.is_space]
    assert read_number(words, 0) is None


def test_compound_words_must_descend(nlp):
    assert first_number(nlp, "десять двадцать человек")[:2] == ("десять", 10)
    assert first_number(nlp, "пять двадцать человек")[:2] == ("пять", 5)


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=9))
def test_digits_round_trip(whole, tenth):
    grouped = f"{whole:,}".replace(",", ".")
    assert parse_digits(str(whole)) == whole
    assert parse_digits(f"{whole},{tenth}") == Decimal(f"{whole}.{tenth}")
    if whole >= 1000:
        assert parse_digits(grouped) == whole
