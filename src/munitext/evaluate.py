"""Scoring of ``munitext extract`` records against gold records: entities, regions, topics.

Pure functions over records (dicts of the output shape); nothing here runs the pipeline.
Entities are matched one-to-one within a label, exactly (same start and end) or by overlap;
``normal``, ``kb_id`` and ``value`` are judged on the exact matches where gold gives them.
A ratio with nothing to divide is 0.0 (P/R/F1) or ``None`` (an accuracy with nothing to judge).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .io import InputError

Record = Mapping[str, Any]
LABELS = ("PER", "LOC", "ORG", "OBLAST", "RAION", "AIMAK", "SETTLEMENT", "INSTITUTION",
          "DATE", "COUNT", "MONEY")
REL_TOL = 1e-6


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives, with P/R/F1 (0.0 when undefined)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.gold)

    @property
    def f1(self) -> float:
        return _ratio(2 * self.tp, self.gold + self.predicted)

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "gold": self.gold,
                "predicted": self.predicted, "precision": self.precision,
                "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True, slots=True)
class Accuracy:
    """How many of the judged items were right; ``accuracy`` is None when none was judged."""

    correct: int = 0
    total: int = 0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": self.accuracy}


@dataclass(frozen=True, slots=True)
class LabelScore:
    """Span counts (exact, overlap) and attribute accuracies on the exact matches of one label."""

    exact: Counts = field(default_factory=Counts)
    overlap: Counts = field(default_factory=Counts)
    normal: Accuracy = field(default_factory=Accuracy)
    kb_id: Accuracy = field(default_factory=Accuracy)
    value: Accuracy = field(default_factory=Accuracy)

    def __add__(self, other: LabelScore) -> LabelScore:
        return LabelScore(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name).to_dict() for f in fields(self)}


@dataclass(frozen=True, slots=True)
class SetScore:
    """A per-document set (regions, topics): a per-document accuracy and micro counts over pairs."""

    documents: Accuracy
    pairs: Counts

    def __add__(self, other: SetScore) -> SetScore:
        return SetScore(self.documents + other.documents, self.pairs + other.pairs)

    def to_dict(self) -> dict[str, Any]:
        return {"documents": self.documents.to_dict(), "pairs": self.pairs.to_dict()}


@dataclass(frozen=True, slots=True)
class Report:
    """The scores of a prediction run against gold, and which ids did not line up.

    ``regions.documents`` counts documents whose predicted region set equals gold's;
    ``topics.documents`` counts documents (with gold topics) where a predicted topic is in gold.
    """

    n_documents: int
    labels: dict[str, LabelScore]
    overall: LabelScore
    regions: SetScore
    topics: SetScore
    missing: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    duplicates: tuple[str, ...] = ()
    failed: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.n_documents,
            "entities": {"overall": self.overall.to_dict(),
                         "labels": {label: score.to_dict() for label, score in self.labels.items()}},
            "regions": {"exact_set": self.regions.documents.to_dict(),
                        "pairs": self.regions.pairs.to_dict()},
            "topics": {"any_hit": self.topics.documents.to_dict(),
                       "pairs": self.topics.pairs.to_dict()},
            "missing": list(self.missing),
            "unknown": list(self.unknown),
            "duplicates": list(self.duplicates),
            "failed": list(self.failed),
        }


def evaluate(gold: Iterable[Record], predicted: Iterable[Record]) -> Report:
    """Score ``predicted`` records against ``gold`` records, matched by ``id``.

    A gold document without a prediction is scored as an empty prediction and listed in
    ``missing``; a prediction with an id not in gold is listed in ``unknown`` and ignored;
    a second prediction for an id is listed in ``duplicates`` and ignored.
    """
    gold = list(gold)
    by_id: dict[str, Record] = {}
    duplicates = []
    for record in predicted:
        key = str(record["id"])
        if key in by_id:
            duplicates.append(key)
        else:
            by_id[key] = record
    gold_ids = {str(record["id"]) for record in gold}
    labels: dict[str, LabelScore] = {}
    regions = topics = SetScore(Accuracy(), Counts())
    for record in gold:
        prediction = by_id.get(str(record["id"]), {})
        for label, score in score_entities(record.get("entities") or [],
                                           prediction.get("entities") or []).items():
            labels[label] = labels.get(label, LabelScore()) + score
        regions += score_regions(record.get("regions") or [], prediction.get("regions") or [])
        topics += score_topics(record.get("topics") or [], prediction.get("topics") or [])
    ordered = {label: labels[label] for label in sorted(labels, key=_label_order)}
    return Report(
        n_documents=len(gold),
        labels=ordered,
        overall=sum(ordered.values(), LabelScore()),
        regions=regions,
        topics=topics,
        missing=tuple(str(r["id"]) for r in gold if str(r["id"]) not in by_id),
        unknown=tuple(key for key in by_id if key not in gold_ids),
        duplicates=tuple(duplicates),
        failed=tuple(key for key, r in by_id.items() if key in gold_ids and r.get("error")),
    )


def _label_order(label: str) -> tuple[int, str]:
    return (LABELS.index(label) if label in LABELS else len(LABELS), label)


# Entities


def score_entities(gold: list[Record], predicted: list[Record]) -> dict[str, LabelScore]:
    """One document's entity scores, per label (labels of gold or prediction)."""
    labels = {e["label"] for e in gold} | {e["label"] for e in predicted}
    return {label: _label_score([e for e in gold if e["label"] == label],
                                [e for e in predicted if e["label"] == label])
            for label in labels}


def _label_score(gold: list[Record], predicted: list[Record]) -> LabelScore:
    exact = match(gold, predicted, _exact_score)
    overlap = match(gold, predicted, _overlap_score)
    n_gold, n_predicted = len(gold), len(predicted)
    return LabelScore(
        exact=Counts(len(exact), n_predicted - len(exact), n_gold - len(exact)),
        overlap=Counts(len(overlap), n_predicted - len(overlap), n_gold - len(overlap)),
        **{name: _attribute_accuracy(exact, name, same) for name, same in ATTRIBUTES.items()},
    )


def _exact_score(gold: Record, predicted: Record) -> tuple[int, int]:
    return (1, 0) if (gold["start"], gold["end"]) == (predicted["start"], predicted["end"]) else (0, 0)


def _overlap_score(gold: Record, predicted: Record) -> tuple[int, int]:
    """Shared characters (0: no overlap), then minus the characters only one span covers."""
    shared = min(gold["end"], predicted["end"]) - max(gold["start"], predicted["start"])
    union = max(gold["end"], predicted["end"]) - min(gold["start"], predicted["start"])
    return (max(shared, 0), shared - union)


def match(gold: list[Record], predicted: list[Record],
          score: Callable[[Record, Record], tuple[int, int]]) -> list[tuple[Record, Record]]:
    """Greedy one-to-one matching: best-scoring pairs first; a score with first item 0 never matches."""
    candidates = sorted(
        ((score(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(predicted)),
        key=lambda c: (-c[0][0], -c[0][1], c[1], c[2]))
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for (first, _), i, j in candidates:
        if first <= 0:
            break
        if i not in used_gold and j not in used_predicted:
            used_gold.add(i)
            used_predicted.add(j)
            pairs.append((gold[i], predicted[j]))
    return pairs


def text_key(text: Any) -> str:
    """A string for lenient comparison: whitespace runs to one space, casefolded, ё = е."""
    return " ".join(str(text).split()).casefold().replace("ё", "е")


def same_value(gold: Any, predicted: Any) -> bool:
    """Equality of JSON values, numbers within a relative tolerance of 1e-6."""
    if isinstance(gold, Mapping) and isinstance(predicted, Mapping):
        return gold.keys() == predicted.keys() and all(same_value(gold[k], predicted[k]) for k in gold)
    if isinstance(gold, list | tuple) and isinstance(predicted, list | tuple):
        return len(gold) == len(predicted) and all(map(same_value, gold, predicted))
    if _is_number(gold) and _is_number(predicted):
        return math.isclose(gold, predicted, rel_tol=REL_TOL)
    return type(gold) is type(predicted) and gold == predicted


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


ATTRIBUTES: dict[str, Callable[[Any, Any], bool]] = {
    "normal": lambda gold, predicted: predicted is not None and text_key(gold) == text_key(predicted),
    "kb_id": lambda gold, predicted: str(gold).strip() == str(predicted or "").strip(),
    "value": same_value,
}


def _given(value: Any) -> bool:
    return value is not None and value != "" and value != {}


def _attribute_accuracy(pairs: list[tuple[Record, Record]], name: str,
                        same: Callable[[Any, Any], bool]) -> Accuracy:
    judged = [(g.get(name), p.get(name)) for g, p in pairs if _given(g.get(name))]
    return Accuracy(sum(same(g, p) for g, p in judged), len(judged))


# Regions and topics


def _set_score(gold: set, predicted: set, right: bool, judged: bool = True) -> SetScore:
    pairs = Counts(len(gold & predicted), len(predicted - gold), len(gold - predicted))
    return SetScore(Accuracy(int(judged and right), int(judged)), pairs)


def score_regions(gold: Iterable[str], predicted: Iterable[str]) -> SetScore:
    """One document's regions: is the set right, and the (region) pairs found and missed."""
    gold_set, predicted_set = {text_key(r) for r in gold}, {text_key(r) for r in predicted}
    return _set_score(gold_set, predicted_set, gold_set == predicted_set)


def score_topics(gold: Iterable[str], predicted: Iterable[Any]) -> SetScore:
    """One document's topics (predicted as ``{"topic", "score"}`` or ids): any hit, and pairs."""
    gold_set = set(gold)
    predicted_set = {t["topic"] if isinstance(t, Mapping) else t for t in predicted}
    return _set_score(gold_set, predicted_set, bool(gold_set & predicted_set), judged=bool(gold_set))


# Reading


def read_records(path: Path, need_text: bool = False) -> list[dict[str, Any]]:
    """The JSONL records of a gold or prediction file, checked; ``InputError`` says what is wrong."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read {path}: {error}") from None
    records = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            records.append(_checked(line, f"{path.name} line {number}", need_text))
    if not records:
        raise InputError(f"{path} has no records")
    return records


def _checked(line: str, where: str, need_text: bool) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"{where}: invalid JSON ({error.msg}, column {error.colno})") from None
    if not isinstance(record, dict) or record.get("id") is None:
        raise InputError(f"{where}: expected a JSON object with an 'id'")
    if need_text and not isinstance(record.get("text"), str):
        raise InputError(f"{where}: field 'text' is missing or not a string")
    for entity in record.get("entities") or []:
        if not (isinstance(entity, dict) and isinstance(entity.get("label"), str)
                and all(isinstance(entity.get(k), int) for k in ("start", "end"))):
            raise InputError(f"{where}: an entity without integer 'start', 'end' and a 'label'")
    return record
