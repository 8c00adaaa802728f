"""Topics: the lexicon, scoring of short texts, the component's output, and discover()."""

import json
from importlib import resources

import pandas as pd
import pytest

from munitext.frames import DOCUMENT_SCHEMA, ENTITY_SCHEMA, TOKEN_SCHEMA, Analysis, frame
from munitext.pipeline import COMPONENTS
from munitext.topics import (
    Discovered,
    build_lexicon,
    discover,
    load_lexicon,
    score_words,
    token_keys,
)

TOPIC_IDS = ["budget_finance", "infrastructure_water", "citizen_participation", "training_experience",
             "legislation_reform", "elections", "land_pastures", "education_health", "donor_projects",
             "economy_business"]

TEXTS = [
    ("Айыльный кенеш утвердил местный бюджет на 2024 год. Собственные доходы выросли за счет "
     "земельного налога, выравнивающий трансферт сократился.", "budget_finance"),
    ("Счетная палата провела аудит айыл окмоту и выявила нецелевое использование бюджетных средств.",
     "budget_finance"),
    ("В селе построили новый водопровод: жители впервые получили чистую питьевую воду.",
     "infrastructure_water"),
    ("Айыл окмоту отремонтировал мост и очистил арыки к поливному сезону.", "infrastructure_water"),
    ("На сходе граждан жители обсудили устав местного сообщества и выбрали приоритеты.",
     "citizen_participation"),
    ("Публичные слушания по проекту бюджета собрали активистов и инициативные группы.",
     "citizen_participation"),
    ("Для секретарей айылных кенешей прошел семинар, тренеры провели обучение по новым правилам.",
     "training_experience"),
    ("Главы айыл окмоту побывали в ознакомительной поездке и обменялись опытом с коллегами.",
     "training_experience"),
    ("Жогорку Кенеш принял закон об административно-территориальной реформе: айылные аймаки "
     "объединят, часть сел переименуют.", "legislation_reform"),
    ("ЦИК назначил выборы депутатов айылных кенешей; кандидаты начали агитацию, явка избирателей "
     "ожидается высокой.", "elections"),
    ("Пастбищный комитет выдал пастбищные билеты и собрал плату за выпас скота.", "land_pastures"),
    ("На торгах продали в аренду 40 гектаров земли Фонда перераспределения сельхозугодий.",
     "land_pastures"),
    ("В селе открыли детский сад на 120 детей, а в школе отремонтировали спортзал.", "education_health"),
    ("После ремонта снова работает ФАП: фельдшер принимает пациентов каждый день.", "education_health"),
    ("При поддержке USAID и Хельветас проект выдал гранты десяти муниципалитетам.", "donor_projects"),
    ("Предприниматели открыли цех по переработке орехов и создали 40 рабочих мест; туризм растет.",
     "economy_business"),
]


def test_lexicon_has_exactly_the_domain_topics():
    data = json.loads(resources.files("munitext.data").joinpath("topics.json").read_text("utf-8"))
    assert list(data["topics"]) == TOPIC_IDS
    lexicon = load_lexicon()
    assert lexicon.topics == tuple(TOPIC_IDS)
    for topic in data["topics"].values():
        assert topic["label"] and len(topic["terms"]) >= 30
        assert all(weight > 0 for weight in topic["terms"].values())
        assert all(term == term.lower() and "ё" not in term for term in topic["terms"])


def test_topics_is_the_last_component():
    assert COMPONENTS[-1] == "munitext_topics"


@pytest.mark.parametrize(("text", "expected"), TEXTS, ids=[f"{t}-{i}" for i, (_, t) in enumerate(TEXTS)])
def test_top_topic_of_short_texts(nlp, text, expected):
    topics = nlp(text)._.topics
    assert topics and topics[0]["topic"] == expected, topics


def test_output_shape(nlp):
    text = ("Сход граждан в Ивановском АА\n\nЖители на сходе обсудили бюджет айыл окмоту, "
            "ремонт водопровода и школы, а также грант донора на строительство моста.")
    topics = nlp(text)._.topics
    assert 1 <= len(topics) <= 3
    assert all(list(t) == ["topic", "score"] and t["topic"] in TOPIC_IDS for t in topics)
    scores = [t["score"] for t in topics]
    assert scores == sorted(scores, reverse=True) and all(0 < s < 1 for s in scores)
    assert topics[0]["topic"] == "citizen_participation"  # the headline counts more
    json.dumps(topics)


@pytest.mark.parametrize("text", ["", "Погода стояла теплая, все было спокойно.", "   \n  "])
def test_no_lexicon_word_no_topic(nlp, text):
    assert nlp(text)._.topics == []


def test_abbreviations_and_stems_are_keys(nlp):
    doc = nlp("В ФАПе и ЦИКом")
    assert "фап" in token_keys(doc[1]) and "цик" in token_keys(doc[3])
    lexicon = load_lexicon()
    assert score_words([("партисипаторное",)], lexicon=lexicon)[0]["topic"] == "citizen_participation"


SMALL = {"scoring": {"headline_weight": 3.0, "min_words": 1, "scale": 4.0, "min_density": 5.0,
                     "min_ratio": 0.6, "max_topics": 2},
         "topics": {"a": {"label": "A", "terms": {"вода": 1.0, "чистый вода": 1.0}},
                    "b": {"label": "B", "terms": {"школа": 1.0}},
                    "c": {"label": "C", "terms": {"налог": 1.0}}}}


def words(*lemmas):
    return [(lemma,) for lemma in lemmas]


def test_scoring_rules_on_a_small_lexicon():
    lexicon = build_lexicon(SMALL)
    assert lexicon.label("b") == "B" and lexicon.phrases[("чистый", "вода")] == ((0, 1.0),)
    # a phrase adds to its words; the best topic first; a weak one under min_ratio is left out
    result = score_words(words("чистый", "вода", "школа", "и", "налог", "x", "y", "z", "u", "v"),
                         lexicon=lexicon)
    assert [t["topic"] for t in result] == ["a"]
    # the headline multiplies: «школа» in the first word outweighs two plain «вода»
    result = score_words(words("школа", "вода", "вода", "x", "y", "z"), headline=1, lexicon=lexicon)
    assert [t["topic"] for t in result] == ["b", "a"]
    # at most max_topics; with any lexicon word at least one topic, however rare
    many = score_words(words("вода", "школа", "налог"), lexicon=lexicon)
    assert len(many) == 2
    rare = score_words(words("налог", *["x"] * 500), lexicon=lexicon)
    assert [t["topic"] for t in rare] == ["c"] and rare[0]["score"] < 0.1
    assert score_words(words("x", "y"), lexicon=lexicon) == []


def test_phrases_longer_than_the_limit_are_refused():
    data = {"topics": {"a": {"terms": {"один два три четыре пять": 1.0}}}}
    with pytest.raises(ValueError, match="more than"):
        build_lexicon(data)


# discover()

THEMES = {
    "water": ["водопровод", "вода", "скважина", "арык", "ремонт", "насос"],
    "elections": ["выбор", "кандидат", "избиратель", "голосование", "бюллетень", "явка"],
    "school": ["школа", "учитель", "ученик", "урок", "класс", "детский"],
}


def small_analysis() -> Analysis:
    """Twelve documents of three themes, as an Analysis with tokens only."""
    documents, tokens = [], []
    for n in range(12):
        theme = list(THEMES)[n % 3]
        doc_id = f"d{n:02d}"
        lemmas = [THEMES[theme][(n + i) % 6] for i in range(12)] + ["айыл", "окмоту", "село"]
        documents.append((doc_id, 100, len(lemmas), 1, 0, [], [], {}, None))
        tokens.extend((doc_id, 0, i, 0, 1, lemma, lemma, "NOUN", "") for i, lemma in enumerate(lemmas))
    return Analysis(frame(documents, DOCUMENT_SCHEMA), frame(tokens, TOKEN_SCHEMA), frame([], ENTITY_SCHEMA))


def test_discover_shape_and_determinism():
    result = small_analysis()
    found = discover(result, 3, n_terms=4, random_state=7)
    assert isinstance(found, Discovered)
    assert found.documents.shape == (12, 3)
    assert list(found.documents.columns) == ["t0", "t1", "t2"]
    assert list(found.documents.index) == [f"d{n:02d}" for n in range(12)]
    assert list(found.terms.columns) == ["topic", "rank", "term", "weight", "lexicon_topic"]
    assert found.terms.groupby("topic").size().max() <= 4
    top = found.top_terms(4)
    assert len(top) == 3 and all(len(terms) <= 4 for terms in top.values())
    # the three themes come out as three topics
    best = found.documents.to_numpy().argmax(axis=1)
    assert len({best[n] for n in range(0, 12, 3)}) == 1 and len(set(best)) == 3
    assert set(found.terms["lexicon_topic"]) == {"infrastructure_water", "elections", "education_health"}
    again = discover(result, 3, n_terms=4, random_state=7)
    pd.testing.assert_frame_equal(found.documents, again.documents)
    pd.testing.assert_frame_equal(found.terms, again.terms)


def test_discover_refuses_bad_k_and_empty_input():
    with pytest.raises(ValueError, match="k must be"):
        discover(small_analysis(), 13)
    empty = Analysis(frame([], DOCUMENT_SCHEMA), frame([], TOKEN_SCHEMA), frame([], ENTITY_SCHEMA))
    with pytest.raises(ValueError, match="no lemmas"):
        discover(empty, 2)
