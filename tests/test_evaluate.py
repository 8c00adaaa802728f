"""`munitext.evaluate` on hand-made cases, and `munitext eval` on tiny files and on the gold set."""

import json
from collections import Counter

import pytest
from typer.testing import CliRunner

from munitext.cli import app
from munitext.evaluate import Accuracy, Counts, evaluate, same_slot, score_facts, score_regions, score_topics

from .conftest import ROOT

GOLD = ROOT / "corpora" / "gold" / "gold.jsonl"


def ent(start, end, label="PER", normal=None, kb_id=None, value=None):
    return {"start": start, "end": end, "label": label, "text": "x" * (end - start),
            "normal": normal, "kb_id": kb_id, "value": value}


def doc(doc_id="d1", entities=(), topics=(), regions=(), error=None, facts=None):
    record = {"id": doc_id, "text": "x" * 100, "meta": {}, "entities": list(entities),
              "topics": list(topics), "regions": list(regions), "error": error}
    if facts is not None:
        record["facts"] = list(facts)
    return record


def scored(gold_entities, predicted_entities):
    return evaluate([doc(entities=gold_entities)], [doc(entities=predicted_entities)])


@pytest.mark.parametrize(("gold", "predicted", "exact", "overlap"), [
    pytest.param([ent(0, 5), ent(10, 15, "LOC")], [ent(0, 5), ent(10, 15, "LOC")],
                 Counts(2, 0, 0), Counts(2, 0, 0), id="perfect"),
    pytest.param([ent(0, 5)], [], Counts(0, 0, 1), Counts(0, 0, 1), id="empty prediction"),
    pytest.param([], [], Counts(0, 0, 0), Counts(0, 0, 0), id="empty gold and prediction"),
    pytest.param([], [ent(0, 5)], Counts(0, 1, 0), Counts(0, 1, 0), id="empty gold"),
    pytest.param([ent(0, 5)], [ent(0, 6)], Counts(0, 1, 1), Counts(1, 0, 0), id="off by one"),
    pytest.param([ent(0, 5)], [ent(0, 5, "LOC")], Counts(0, 1, 1), Counts(0, 1, 1), id="wrong label"),
    pytest.param([ent(0, 5), ent(6, 10)], [ent(0, 10)], Counts(0, 1, 2), Counts(1, 0, 1),
                 id="one prediction over two gold spans"),
    pytest.param([ent(0, 5)], [ent(0, 5), ent(0, 5)], Counts(1, 1, 0), Counts(1, 1, 0),
                 id="repeated prediction"),
    pytest.param([ent(0, 5)], [ent(5, 8)], Counts(0, 1, 1), Counts(0, 1, 1), id="touching spans"),
    pytest.param([ent(0, 5), ent(3, 9)], [ent(3, 9), ent(0, 4)], Counts(1, 1, 1), Counts(2, 0, 0),
                 id="overlap prefers the exact pair"),
])
def test_entity_counts(gold, predicted, exact, overlap):
    report = scored(gold, predicted)
    assert report.overall.exact == exact
    assert report.overall.overlap == overlap


@pytest.mark.parametrize(("counts", "precision", "recall", "f1"), [
    (Counts(2, 0, 0), 1.0, 1.0, 1.0),
    (Counts(0, 0, 3), 0.0, 0.0, 0.0),
    (Counts(0, 0, 0), 0.0, 0.0, 0.0),
    (Counts(1, 1, 2), 0.5, 1 / 3, 0.4),
])
def test_precision_recall_f1(counts, precision, recall, f1):
    assert (counts.precision, counts.recall, counts.f1) == pytest.approx((precision, recall, f1))


def test_wrong_label_is_a_miss_of_one_label_and_a_false_alarm_of_the_other():
    report = scored([ent(0, 5, "PER")], [ent(0, 5, "LOC")])
    assert list(report.labels) == ["PER", "LOC"]
    assert report.labels["PER"].exact == Counts(0, 0, 1)
    assert report.labels["LOC"].exact == Counts(0, 1, 0)


def test_micro_average_sums_the_labels():
    report = scored([ent(0, 5), ent(6, 9, "DATE"), ent(20, 30, "MONEY")],
                    [ent(0, 5), ent(6, 8, "DATE"), ent(40, 50, "ORG")])
    assert list(report.labels) == ["PER", "ORG", "DATE", "MONEY"]
    assert report.overall.exact == Counts(1, 2, 2)
    assert report.overall.overlap == Counts(2, 1, 1)
    assert report.overall.exact.gold == 3


MONEY = {"value": 74957700, "currency": "KGS"}


@pytest.mark.parametrize(("gold", "predicted", "attribute", "expected"), [
    (ent(0, 5, normal="Алёна  Иванова"), ent(0, 5, normal="алена иванова"), "normal", Accuracy(1, 1)),
    (ent(0, 5, normal="Алёна Иванова"), ent(0, 5, normal="Алёна Иванову"), "normal", Accuracy(0, 1)),
    (ent(0, 5, normal="Алёна Иванова"), ent(0, 5), "normal", Accuracy(0, 1)),
    (ent(0, 5, "MONEY"), ent(0, 5, "MONEY", normal="5 млн"), "normal", Accuracy(0, 0)),
    (ent(0, 5, normal="Бакыт"), ent(0, 6, normal="Бакыт"), "normal", Accuracy(0, 0)),
    (ent(0, 5, "OBLAST", kb_id="41702000000000"), ent(0, 5, "OBLAST", kb_id="41702000000000"),
     "kb_id", Accuracy(1, 1)),
    (ent(0, 5, "OBLAST", kb_id="41702000000000"), ent(0, 5, "OBLAST", kb_id="41703000000000"),
     "kb_id", Accuracy(0, 1)),
    (ent(0, 5, "OBLAST", kb_id="41702000000000"), ent(0, 5, "OBLAST", kb_id=""), "kb_id", Accuracy(0, 1)),
    (ent(0, 5, "AIMAK"), ent(0, 5, "AIMAK", kb_id="41708206812000"), "kb_id", Accuracy(0, 0)),
    (ent(0, 5, "MONEY", value=MONEY), ent(0, 5, "MONEY", value=dict(MONEY)), "value", Accuracy(1, 1)),
    (ent(0, 5, "MONEY", value=MONEY), ent(0, 5, "MONEY", value={**MONEY, "value": 74957700.00001}),
     "value", Accuracy(1, 1)),
    (ent(0, 5, "MONEY", value=MONEY), ent(0, 5, "MONEY", value={**MONEY, "value": 74957800}),
     "value", Accuracy(0, 1)),
    (ent(0, 5, "MONEY", value=MONEY), ent(0, 5, "MONEY", value={**MONEY, "currency": "USD"}),
     "value", Accuracy(0, 1)),
    (ent(0, 5, "MONEY", value=MONEY), ent(0, 5, "MONEY", value={"value": 74957700}), "value",
     Accuracy(0, 1)),
    (ent(0, 5, "MONEY", value=MONEY), ent(0, 5, "MONEY"), "value", Accuracy(0, 1)),
    (ent(0, 5, "DATE", value={"start": "2013-03", "end": "2013-03"}),
     ent(0, 5, "DATE", value={"start": "2013-03-01", "end": "2013-03"}), "value", Accuracy(0, 1)),
    (ent(0, 5, "DATE", value={"start": "2013-03", "end": "2013-03"}),
     ent(0, 5, "DATE", value={"start": "2013-03", "end": "2013-03", "year_from": "meta"}), "value",
     Accuracy(1, 1)),
    (ent(0, 5, "COUNT", value={"value": 1.5, "unit": "гектар", "qualifier": "exact"}),
     ent(0, 5, "COUNT", value={"value": 1.5, "unit": "гектар", "qualifier": "exact"}), "value",
     Accuracy(1, 1)),
    (ent(0, 5), ent(0, 5, value={"kind": "other"}), "value", Accuracy(0, 0)),
])
def test_attribute_accuracy_on_exact_matches(gold, predicted, attribute, expected):
    report = scored([gold], [predicted])
    assert getattr(report.overall, attribute) == expected
    assert getattr(report.labels[gold["label"]], attribute) == expected


def test_perfect_prediction_scores_one_everywhere():
    gold = doc(entities=[ent(0, 5, normal="Бакыт Асанов"),
                         ent(10, 20, "OBLAST", normal="Чуйская область", kb_id="41708000000000"),
                         ent(30, 40, "MONEY", value=MONEY)],
               topics=["budget_finance"], regions=["Чуйская область"])
    predicted = {**gold, "topics": [{"topic": "budget_finance", "score": 0.8}]}
    report = evaluate([gold], [predicted])
    overall = report.overall
    for counts in (overall.exact, overall.overlap, report.regions.pairs, report.topics.pairs):
        assert (counts.precision, counts.recall, counts.f1) == (1.0, 1.0, 1.0)
    for accuracy in (overall.normal, overall.kb_id, overall.value, report.regions.documents,
                     report.topics.documents):
        assert accuracy.accuracy == 1.0
    assert report.missing == report.unknown == report.failed == ()


@pytest.mark.parametrize(("gold", "predicted", "documents", "pairs"), [
    (["Чуйская область", "Бишкек"], ["Бишкек", "Чуйская  область"], Accuracy(1, 1), Counts(2, 0, 0)),
    ([], [], Accuracy(1, 1), Counts(0, 0, 0)),
    (["Чуйская область", "Бишкек"], ["Бишкек"], Accuracy(0, 1), Counts(1, 0, 1)),
    (["Бишкек"], ["Бишкек", "Ош"], Accuracy(0, 1), Counts(1, 1, 0)),
    (["Ош"], [], Accuracy(0, 1), Counts(0, 0, 1)),
])
def test_regions(gold, predicted, documents, pairs):
    score = score_regions(gold, predicted)
    assert (score.documents, score.pairs) == (documents, pairs)


@pytest.mark.parametrize(("gold", "predicted", "documents", "pairs"), [
    (["budget_finance", "elections"],
     [{"topic": "land_pastures", "score": 0.9}, {"topic": "elections", "score": 0.3}],
     Accuracy(1, 1), Counts(1, 1, 1)),
    (["budget_finance"], [], Accuracy(0, 1), Counts(0, 0, 1)),
    (["budget_finance"], [{"topic": "elections", "score": 0.9}], Accuracy(0, 1), Counts(0, 1, 1)),
    ([], [{"topic": "elections", "score": 0.9}], Accuracy(0, 0), Counts(0, 1, 0)),
])
def test_topics(gold, predicted, documents, pairs):
    score = score_topics(gold, predicted)
    assert (score.documents, score.pairs) == (documents, pairs)


def test_missing_unknown_repeated_and_failed_documents():
    gold = [doc("d1", [ent(0, 5)], ["elections"], ["Бишкек"]),
            doc("d2", [ent(0, 5), ent(6, 9, "DATE")], ["elections"], ["Ош"]),
            doc("d3", [ent(0, 5)])]
    predicted = [doc("d1", [ent(0, 5)], [{"topic": "elections", "score": 1.0}], ["Бишкек"]),
                 doc("d1"), doc("d9", [ent(0, 5)]), doc("d3", error="ValueError: boom")]
    report = evaluate(gold, predicted)
    assert report.n_documents == 3
    assert report.missing == ("d2",)
    assert report.unknown == ("d9",)
    assert report.duplicates == ("d1",)
    assert report.failed == ("d3",)
    assert report.overall.exact == Counts(1, 0, 3)
    assert report.regions.documents == Accuracy(2, 3)  # d3: no regions, none predicted
    assert report.regions.pairs == Counts(1, 0, 1)
    assert report.topics.documents == Accuracy(1, 2)


def test_report_to_dict_is_json():
    report = evaluate([doc(entities=[ent(0, 5)])], [])
    data = json.loads(json.dumps(report.to_dict()))
    assert data["missing"] == ["d1"]
    assert data["entities"]["labels"]["PER"]["exact"] == {
        "tp": 0, "fp": 0, "fn": 1, "gold": 1, "predicted": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert data["entities"]["overall"]["normal"] == {"correct": 0, "total": 0, "accuracy": None}


# Facts


def slot(text, start=None, end=None, **extra):
    """A slot value as gold gives it (text with offsets) or as a prediction may."""
    value = {"text": text, **extra}
    if start is not None:
        value.update(start=start, end=end if end is not None else start + len(text))
    return value


def fact(type_, start, end, **slots):
    return {"type": type_, "start": start, "end": end, "slots": slots}


# gold: two facts in one sentence (0-60), one in the next (61-100)
GOLD_FACTS = [
    fact("event", 0, 60, event=slot("семинар", 10), date=slot("12 мая 2023 года", 20),
         participants=slot("около 60 человек", 40)),
    fact("person_role", 0, 60, person=slot("Бакыт Асанов", 0), position=slot("глава", 13)),
    fact("person_role", 61, 100, person=slot("Айгуль Садыкова", 61), position=slot("депутат", 80),
         organization=slot("Ивановского айылного кенеша", 70)),
]


def fact_scores(gold, predicted):
    return score_facts(gold, predicted)


def test_facts_perfect_prediction():
    report = evaluate([doc(facts=GOLD_FACTS)], [doc(facts=GOLD_FACTS)])
    assert report.facts.facts == Counts(3, 0, 0)
    assert report.facts.slots == Counts(8, 0, 0)
    assert list(report.fact_types) == ["event", "person_role"]
    assert report.fact_types["person_role"].slots == Counts(5, 0, 0)
    assert report.fact_types["event"].by_slot["date"] == Counts(1, 0, 0)
    assert (report.facts.slots.precision, report.facts.slots.recall, report.facts.slots.f1) == (
        1.0, 1.0, 1.0)


def test_facts_empty_prediction_misses_every_slot():
    for predicted in (doc(facts=[]), doc()):  # empty list, or no 'facts' at all
        report = evaluate([doc(facts=GOLD_FACTS)], [predicted])
        assert report.facts.facts == Counts(0, 0, 3)
        assert report.facts.slots == Counts(0, 0, 8)
        assert report.fact_types["event"].slots == Counts(0, 0, 3)
    report = evaluate([doc(facts=GOLD_FACTS)], [])  # document missing from predictions
    assert report.facts.slots == Counts(0, 0, 8)


def test_facts_empty_gold_and_prediction():
    report = evaluate([doc(facts=[])], [doc(facts=[])])
    assert report.fact_types == {}
    assert report.facts.facts == report.facts.slots == Counts()


def test_facts_wrong_slot_is_a_false_and_a_missed_slot():
    predicted = [fact("event", 0, 60, event=slot("семинар", 10), date=slot("13 мая 2023 года", 22),
                      place=slot("Бишкеке", 35))]
    score = fact_scores(GOLD_FACTS[:1], predicted)["event"]
    assert score.facts == Counts(1, 0, 0)
    # event right; date wrong (fp + fn); place not in gold (fp); participants missed (fn)
    assert score.slots == Counts(1, 2, 2)
    assert score.by_slot == {"event": Counts(1, 0, 0), "date": Counts(0, 1, 1),
                             "place": Counts(0, 1, 0), "participants": Counts(0, 0, 1)}


def test_facts_unmatched_facts_count_all_their_slots():
    predicted = [
        fact("event", 61, 100, event=slot("семинар"), date=slot("12 мая 2023 года")),  # no overlap
        fact("money_flow", 0, 60, amount=slot("5 млн сомов"), purpose=slot("ремонт")),  # no gold type
    ]
    scores = fact_scores(GOLD_FACTS[:1], predicted)
    assert scores["event"].facts == Counts(0, 1, 1)
    assert scores["event"].slots == Counts(0, 2, 3)
    assert scores["money_flow"].facts == Counts(0, 1, 0)
    assert scores["money_flow"].slots == Counts(0, 2, 0)


def test_facts_repeated_prediction_is_a_false_fact():
    score = fact_scores(GOLD_FACTS[:1], [GOLD_FACTS[0], GOLD_FACTS[0]])["event"]
    assert score.facts == Counts(1, 1, 0)
    assert score.slots == Counts(3, 3, 0)


def test_facts_touching_spans_do_not_match():
    predicted = [fact("event", 60, 61, event=slot("семинар"))]
    assert fact_scores(GOLD_FACTS[:1], predicted)["event"].facts == Counts(0, 1, 1)


def test_facts_best_overlap_wins():
    gold = [fact("quantity", 0, 30, count=slot("12 км", 5)),
            fact("quantity", 31, 60, count=slot("45 аймаков", 40))]
    predicted = [fact("quantity", 25, 60, count=slot("45 аймаков", 40))]
    score = fact_scores(gold, predicted)["quantity"]
    assert score.facts == Counts(1, 0, 1)
    assert score.slots == Counts(1, 0, 1)


def test_facts_in_one_sentence_pair_up_by_their_slots():
    """Predictions carry sentence offsets: equal overlaps are decided by the agreeing slots."""
    gold = [fact("person_role", 0, 30, person=slot("Бакыт Асанов", 0), position=slot("глава", 13)),
            fact("person_role", 31, 60, person=slot("Айгуль Садыкова", 31),
                 position=slot("депутат", 48))]
    predicted = [fact("person_role", 0, 60, person=slot("Айгуль Садыкова", 31),
                      position=slot("депутат", 48)),
                 fact("person_role", 0, 60, person=slot("Бакыт Асанов", 0),
                      position=slot("глава", 13))]
    score = fact_scores(gold, predicted)["person_role"]
    assert score.facts == Counts(2, 0, 0)
    assert score.slots == Counts(4, 0, 0)


@pytest.mark.parametrize(("name", "gold", "predicted", "right"), [
    pytest.param("date", slot("12 мая", 20), slot("12 мая", 20, 26, entity=3, normal="12 мая"), True,
                 id="same offsets"),
    pytest.param("date", slot("12 мая", 20), slot("12 мая", 50), False,
                 id="same text, other offsets"),
    pytest.param("date", slot("12 мая", 20), slot("12 мая", 20, 27), False, id="offsets differ"),
    pytest.param("date", slot("12 мая", 20), "12  Мая", True, id="text only: normalised text"),
    pytest.param("date", slot("12 мая", 20), {"text": "12 мая"}, True, id="object without offsets"),
    pytest.param("date", slot("12 мая", 20), "13 мая", False, id="text only: other text"),
    pytest.param("place", slot("Бишкеке", 5), slot("Бишкеке", 5, 12), True, id="place by offsets"),
    pytest.param("event", slot("Сход", 0), slot("сход", 40), True,
                 id="phrase slot: text, offsets aside"),
    pytest.param("event", slot("семинар", 0), slot("семинар для глав", 0), False,
                 id="phrase slot: other text"),
    pytest.param("position", slot("Заместитель главы", 0), "заместитель  главы", True,
                 id="phrase slot: whitespace and case"),
    pytest.param("person", slot("Алёна Иванова", 0), "Алена Иванова", True, id="ё = е"),
    pytest.param("date", slot("12 мая", 20), None, False, id="no prediction"),
    pytest.param("date", slot("12 мая", 20), "", False, id="empty prediction"),
])
def test_same_slot(name, gold, predicted, right):
    assert same_slot(name, gold, predicted) is right


def test_facts_offsets_and_texts_in_a_report():
    gold = [fact("money_flow", 0, 60, amount=slot("5 млн сомов", 10), payer=slot("USAID", 30),
                 purpose=slot("ремонт школы", 40))]
    predicted = [fact("money_flow", 0, 80,
                      amount={"text": "5 млн сомов", "start": 10, "end": 21, "entity": 2,
                              "value": {"value": 5000000, "currency": "KGS"}},
                      payer={"text": "USAID", "start": 70, "end": 75},  # the same name elsewhere
                      purpose="Ремонт школы", date=None)]
    report = evaluate([doc(facts=gold)], [doc(facts=predicted)])
    assert report.fact_types["money_flow"].by_slot == {
        "amount": Counts(1, 0, 0), "payer": Counts(0, 1, 1), "purpose": Counts(1, 0, 0)}
    assert report.facts.slots == Counts(2, 1, 1)


def test_facts_in_report_to_dict():
    report = evaluate([doc(facts=GOLD_FACTS)], [doc(facts=GOLD_FACTS[:1])])
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert data["facts"]["overall"]["facts"]["tp"] == 1
    assert data["facts"]["overall"]["slots"] == {
        "tp": 3, "fp": 0, "fn": 5, "gold": 8, "predicted": 3, "precision": 1.0,
        "recall": 3 / 8, "f1": 6 / 11}
    assert list(data["facts"]["types"]) == ["event", "person_role"]
    assert data["facts"]["types"]["person_role"]["by_slot"]["person"]["fn"] == 2


# The command


def invoke(*args: str):
    return CliRunner().invoke(app, ["eval", *args])


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return str(path)


def test_eval_command_scores_a_predictions_file(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", [
        doc("a", [ent(0, 5, normal="Бакыт Асанов"), ent(10, 15, "LOC", normal="Кыргызстан")],
            ["elections"], ["Бишкек"], facts=GOLD_FACTS),
        doc("b", [ent(0, 5, "DATE", normal="2013", value={"start": "2013", "end": "2013"})])])
    predictions = write_jsonl(tmp_path / "pred.jsonl", [
        doc("a", [ent(0, 5, normal="Бакыт Асанов"), ent(10, 16, "LOC")],
            [{"topic": "elections", "score": 0.5}], ["Бишкек"], facts=GOLD_FACTS[1:]),
        doc("z", [ent(0, 5)])])
    result = invoke("--gold", gold, predictions, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["documents"] == 2
    assert data["missing"] == ["b"] and data["unknown"] == ["z"]
    labels = data["entities"]["labels"]
    assert list(labels) == ["PER", "LOC", "DATE"]
    assert labels["PER"]["exact"]["f1"] == 1.0 and labels["PER"]["normal"]["accuracy"] == 1.0
    assert labels["LOC"]["exact"]["tp"] == 0 and labels["LOC"]["overlap"]["tp"] == 1
    assert labels["DATE"]["exact"]["recall"] == 0.0
    assert data["regions"]["exact_set"] == {"correct": 2, "total": 2, "accuracy": 1.0}
    assert data["topics"]["any_hit"]["accuracy"] == 1.0
    assert data["facts"]["overall"]["slots"]["tp"] == 5
    assert data["facts"]["overall"]["slots"]["fn"] == 3
    assert data["facts"]["types"]["event"]["facts"]["fn"] == 1

    tables = invoke("--gold", gold, predictions)
    assert tables.exit_code == 0
    for word in ("PER", "LOC", "DATE", "micro", "regions", "topics", "missing", "Facts",
                 "event", "person_role"):
        assert word in tables.stdout


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such file"),
    ('{"id": "a", "text": "обрыв', "invalid JSON"),
    ('{"id": "a"}', "'text' is missing"),
    ('{"id": "a", "text": "t", "entities": [{"start": "0", "end": 5, "label": "PER"}]}', "entity"),
    ('{"id": "a", "text": "t", "facts": [{"type": "event", "start": 0, "slots": {}}]}', "fact"),
    ('{"id": "a", "text": "t", "facts": [{"start": 0, "end": 1, "slots": {}}]}', "fact"),
    ("", "no records"),
])
def test_unusable_gold_file_exits_2(tmp_path, content, message):
    path = tmp_path / "gold.jsonl"
    if content is not None:
        path.write_text(content, "utf-8")
    result = invoke("--gold", str(path), str(path))
    assert result.exit_code == 2
    assert message in result.output


def test_help_explains_every_option():
    result = invoke("--help")
    assert result.exit_code == 0
    for option in ("--gold", "--workers", "--batch-size", "--json", "predictions"):
        assert option in result.output


@pytest.mark.skipif(not GOLD.exists(), reason="corpora/gold/gold.jsonl has not been built")
def test_eval_runs_extraction_on_the_gold_set():
    gold = [json.loads(line) for line in GOLD.read_text("utf-8").splitlines() if line.strip()]
    result = invoke("--gold", str(GOLD), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"documents", "entities", "regions", "topics", "facts", "missing",
                         "unknown", "duplicates", "failed"}
    assert data["documents"] == len(gold)
    assert data["missing"] == data["unknown"] == data["duplicates"] == data["failed"] == []
    labels = Counter(e["label"] for record in gold for e in record["entities"])
    assert {label: s["exact"]["gold"] for label, s in data["entities"]["labels"].items()
            if s["exact"]["gold"]} == dict(labels)
    for label, score in data["entities"]["labels"].items():
        assert score["overlap"]["gold"] == labels[label]
        assert set(score) == {"exact", "overlap", "normal", "kb_id", "value"}
    assert data["entities"]["overall"]["exact"]["gold"] == sum(labels.values())
    assert data["regions"]["pairs"]["gold"] == sum(len(set(r["regions"])) for r in gold)
    assert data["topics"]["pairs"]["gold"] == sum(len(set(r["topics"])) for r in gold)
    assert data["regions"]["exact_set"]["total"] == len(gold)
    facts = Counter(f["type"] for record in gold for f in record.get("facts", []))
    slots = Counter(f["type"] for record in gold for f in record.get("facts", []) for _ in f["slots"])
    assert {name: s["facts"]["gold"] for name, s in data["facts"]["types"].items()
            if s["facts"]["gold"]} == dict(facts)
    assert {name: s["slots"]["gold"] for name, s in data["facts"]["types"].items()
            if s["slots"]["gold"]} == dict(slots)
    assert data["facts"]["overall"]["slots"]["gold"] == sum(slots.values())
