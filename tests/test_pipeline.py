"""The spaCy pipeline: components, attributes, nlp.pipe with processes, huge and odd documents."""

import pytest

import munitext
from munitext.pipeline import COMPONENTS, MAX_LENGTH

TEXT = ("Депутаты Жогорку Кенеша и представители Аппаратов Правительства и Президента "
        "посетили Бишкек.\n\nВ Кыргызской Республике прошла сессия.")


def test_components_in_order(nlp):
    assert tuple(nlp.pipe_names) == COMPONENTS


def test_doc_layers(nlp):
    doc = nlp(TEXT)
    kenesh = doc[2]
    assert (kenesh.text, kenesh.lemma_, kenesh.pos_) == ("Кенеша", "Кенеш", "PROPN")
    assert kenesh.morph.get("Case") == ["Gen"]
    assert len(list(doc.sents)) == 2
    found = {(e.text, e.label_, e._.normal) for e in doc.ents}
    assert ("Жогорку Кенеша", "INSTITUTION", "Жогорку Кенеш") in found
    assert ("Аппаратов Правительства", "INSTITUTION", "Аппарат Правительства") in found
    assert ("Президента", "INSTITUTION", "Аппарат Президента") in found
    assert ("Кыргызской Республике", "LOC", "Кыргызская Республика") in found
    everything = {(s.start, s.end, s.label_) for s in doc.spans["munitext"]}
    assert {(e.start, e.end, e.label_) for e in doc.ents} <= everything
    assert ("Бишкек", "SETTLEMENT", "41711000000000") in {(e.text, e.label_, e.kb_id_) for e in doc.ents}
    assert ("Бишкек", "LOC") in {(s.text, s.label_) for s in doc.spans["munitext"]}  # NER's, overruled


def test_pipe_in_two_processes_matches_one(nlp):
    texts = [TEXT, "Ош и Нарын.", "", TEXT[:40]] * 2
    one = [[(e.start_char, e.label_, e._.normal) for e in d.ents] for d in nlp.pipe(texts)]
    two = [[(e.start_char, e.label_, e._.normal) for e in d.ents]
           for d in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert one == two
    assert [[t.lemma_ for t in d] for d in nlp.pipe(texts[:2], n_process=2)] == \
        [[t.lemma_ for t in d] for d in nlp.pipe(texts[:2])]


def test_disable_leaves_out_components():
    assert "munitext_ner" not in munitext.load(disable=("munitext_ner",)).pipe_names


def test_long_sentence_without_punctuation(nlp):
    text = " ".join(["Бишкек"] * 3000)
    doc = nlp(text)
    assert all(t.lemma_ == "Бишкек" for t in doc if not t.is_space)


def test_too_long_document_is_refused_clearly(nlp):
    with pytest.raises(ValueError, match="exceeds maximum"):
        nlp.make_doc("а" * (MAX_LENGTH + 1))
