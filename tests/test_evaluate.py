"""`munitext.evaluate` on hand-made cases, and `munitext eval` on tiny files and on the gold set."""

import json
from collections import Counter

import pytest
from typer.testing import CliRunner

from munitext.cli import app
from munitext.evaluate import Accuracy, Counts, evaluate, score_regions, score_topics

from .conftest import ROOT

GOLD = ROOT / "corpora" / "gold" / "gold.jsonl"


def ent(start, end, label="PER", normal=None, kb_id=None, value=None):
    return {"start": start, "end": end, "label": label, "text": "x" * (end - start),
            "normal": normal, "kb_id": kb_id, "value": value}


def doc(doc_id="d1", entities=(), topics=(), regions=(), error=None):
    return {"id": doc_id, "text": "x" * 100, "meta": {}, "entities": list(entities),
            "topics": list(topics), "regions": list(regions), "error": error}


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


# The command


def invoke(*args: str):
    return CliRunner().invoke(app, ["eval", *args])


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return str(path)


def test_eval_command_scores_a_predictions_file(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", [
        doc("a", [ent(0, 5, normal="Бакыт Асанов"), ent(10, 15, "LOC", normal="Кыргызстан")],
            ["elections"], ["Бишкек"]),
        doc("b", [ent(0, 5, "DATE", normal="2013", value={"start": "2013", "end": "2013"})])])
    predictions = write_jsonl(tmp_path / "pred.jsonl", [
        doc("a", [ent(0, 5, normal="Бакыт Асанов"), ent(10, 16, "LOC")],
            [{"topic": "elections", "score": 0.5}], ["Бишкек"]),
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

    tables = invoke("--gold", gold, predictions)
    assert tables.exit_code == 0
    for word in ("PER", "LOC", "DATE", "micro", "regions", "topics", "missing"):
        assert word in tables.stdout


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such file"),
    ('{"id": "a", "text": "обрыв', "invalid JSON"),
    ('{"id": "a"}', "'text' is missing"),
    ('{"id": "a", "text": "t", "entities": [{"start": "0", "end": 5, "label": "PER"}]}', "entity"),
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
    assert set(data) == {"documents", "entities", "regions", "topics", "missing", "unknown",
                         "duplicates", "failed"}
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
