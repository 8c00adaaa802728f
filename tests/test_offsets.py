"""Offsets are sacred: for any text, every token and entity satisfies text[start:end] == its text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import munitext
from munitext.records import entities

news_words = st.sampled_from([
    "Ивановский", "АА", "айыл", "окмоту", "Чуйской", "области", "Жогорку", "Кенеша", "Бишкеке",
    "31", "января", "2012", "года", "около", "60", "человек", "тыс.", "сомов", "«", "»", "(", ")",
    ",", ".", "—", "-", "Асанов", "Бакыт", "Министерства", "финансов", "Кыргызской", "Республики",
    "Ысык-Көл", "облусу", "ң", "The", "project", "\n", "\n\n", "  ", "\t", "\u00a0", "😀", "̆",
])
news_like = st.lists(news_words, max_size=60).map(" ".join)
anything = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
texts = st.one_of(news_like, anything)

SETTINGS = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(text=texts)
def test_tokens_and_entities_keep_offsets(nlp, text):
    doc = nlp(text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text
    for sentence in doc.sents:
        assert text[sentence.start_char : sentence.end_char] == sentence.text
    for entity in entities(doc):
        assert text[entity.start : entity.end] == entity.text
    for span in doc.spans.get("munitext", []):
        assert text[span.start_char : span.end_char] == span.text


@SETTINGS
@given(text=texts)
def test_frames_keep_offsets(text):
    result = munitext.analyze([text])
    for row in result.tokens.itertuples():
        assert text[row.start : row.end] == row.text
    for row in result.entities.itertuples():
        assert text[row.start : row.end] == row.text
