"""Scoring of ``munitext extract`` records against gold records: entities, regions, topics, facts.

Pure functions over records (dicts of the output shape); nothing here runs the pipeline.
Entities are matched one-to-one within a label, exactly (same start and end) or by overlap;
``normal``, ``kb_id`` and ``value`` are judged on the exact matches where gold gives them.
Facts are matched one-to-one within a type by the overlap of their ``start``/``end`` and then
scored slot by slot (see ``score_facts``).
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
# fact types and their slots, in order (the gold set's GUIDELINES, section "Facts")
FACT_SLOTS = {
    "event": ("event", "date", "place", "participants", "organizer"),
    "person_role": ("person", "position", "organization", "territory"),
    "money_flow": ("amount", "payer", "recipient", "purpose", "date"),
    "quantity": ("count", "place", "date"),
    "located_in": ("unit", "parent"),
}
# slots that are entities: compared by span offsets when both sides give them
ENTITY_SLOTS = frozenset({"date", "place", "participants", "organizer", "person", "organization",
                          "territory", "amount", "payer", "recipient", "count", "unit", "parent"})
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
class FactScore:
    """Facts of one type: fact matches, slot counts, and slot counts per slot name.

    ``facts``: matched facts (tp), unmatched predicted (fp), unmatched gold (fn).
    ``slots``: right predicted slots (tp), other predicted slots (fp), gold slots not found (fn).
    """

    facts: Counts = field(default_factory=Counts)
    slots: Counts = field(default_factory=Counts)
    by_slot: dict[str, Counts] = field(default_factory=dict)

    def __add__(self, other: FactScore) -> FactScore:
        by_slot = dict(self.by_slot)
        for name, counts in other.by_slot.items():
            by_slot[name] = by_slot.get(name, Counts()) + counts
        return FactScore(self.facts + other.facts, self.slots + other.slots, by_slot)

    def to_dict(self) -> dict[str, Any]:
        return {"facts": self.facts.to_dict(), "slots": self.slots.to_dict(),
                "by_slot": {name: counts.to_dict() for name, counts in self.by_slot.items()}}


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
    fact_types: dict[str, FactScore] = field(default_factory=dict)
    facts: FactScore = field(default_factory=FactScore)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.n_documents,
            "entities": {"overall": self.overall.to_dict(),
                         "labels": {label: score.to_dict() for label, score in self.labels.items()}},
            "regions": {"exact_set": self.regions.documents.to_dict(),
                        "pairs": self.regions.pairs.to_dict()},
            "topics": {"any_hit": self.topics.documents.to_dict(),
                       "pairs": self.topics.pairs.to_dict()},
            "facts": {"overall": self.facts.to_dict(),
                      "types": {name: score.to_dict() for name, score in self.fact_types.items()}},
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
    fact_types: dict[str, FactScore] = {}
    regions = topics = SetScore(Accuracy(), Counts())
    for record in gold:
        prediction = by_id.get(str(record["id"]), {})
        for label, score in score_entities(record.get("entities") or [],
                                           prediction.get("entities") or []).items():
            labels[label] = labels.get(label, LabelScore()) + score
        regions += score_regions(record.get("regions") or [], prediction.get("regions") or [])
        topics += score_topics(record.get("topics") or [], prediction.get("topics") or [])
        for name, fact_score in score_facts(record.get("facts") or [],
                                            prediction.get("facts") or []).items():
            fact_types[name] = fact_types.get(name, FactScore()) + fact_score
    ordered = {label: labels[label] for label in sorted(labels, key=_label_order)}
    ordered_facts = {name: fact_types[name] for name in sorted(fact_types, key=_fact_order)}
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
        fact_types=ordered_facts,
        facts=sum(ordered_facts.values(), FactScore()),
    )


def _label_order(label: str) -> tuple[int, str]:
    return (LABELS.index(label) if label in LABELS else len(LABELS), label)


def _fact_order(name: str) -> tuple[int, str]:
    types = list(FACT_SLOTS)
    return (types.index(name) if name in types else len(types), name)


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
          score: Callable[[Record, Record], tuple[int, ...]]) -> list[tuple[Record, Record]]:
    """Greedy one-to-one matching: best-scoring pairs first; a score with first item 0 never matches."""
    candidates = sorted(
        ((score(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(predicted)),
        key=lambda c: (tuple(-x for x in c[0]), c[1], c[2]))
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for (first, *_), i, j in candidates:
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
    """Equality of JSON values on what gold states, numbers within a relative tolerance of 1e-6.

    A prediction may say more than gold (a date's ``year_from`` telling where its year came
    from): keys gold does not have are not judged.
    """
    if isinstance(gold, Mapping) and isinstance(predicted, Mapping):
        return gold.keys() <= predicted.keys() and all(same_value(gold[k], predicted[k]) for k in gold)
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


# Facts


def score_facts(gold: list[Record], predicted: list[Record]) -> dict[str, FactScore]:
    """One document's fact scores, per type (types of gold or prediction).

    Within a type, facts are matched one-to-one by the overlap of the gold fact's
    ``start``/``end`` (its anchor) with the predicted fact's (best overlap first; among equal
    overlaps the pair with more agreeing slots, then the tighter pair). A predicted slot is
    right when the matched gold fact has the slot with the same value (``same_slot``).
    Slots of an unmatched gold fact are all missed, those of an unmatched prediction all false.
    """
    types = {f["type"] for f in gold} | {f["type"] for f in predicted}
    return {name: _type_score([f for f in gold if f["type"] == name],
                              [f for f in predicted if f["type"] == name])
            for name in types}


def _type_score(gold: list[Record], predicted: list[Record]) -> FactScore:
    gold, predicted = [dict(f) for f in gold], [dict(f) for f in predicted]  # one object each
    pairs = match(gold, predicted, _fact_pair_score)
    matched_gold = {id(g) for g, _ in pairs}
    matched_predicted = {id(p) for _, p in pairs}
    by_slot: dict[str, Counts] = {}

    def add(name: str, counts: Counts) -> None:
        by_slot[name] = by_slot.get(name, Counts()) + counts

    for g, p in pairs:
        gold_slots, predicted_slots = _slots(g), _slots(p)
        for name in gold_slots.keys() | predicted_slots.keys():
            right = (name in gold_slots and name in predicted_slots
                     and same_slot(name, gold_slots[name], predicted_slots[name]))
            add(name, Counts(1, 0, 0) if right else
                Counts(0, int(name in predicted_slots), int(name in gold_slots)))
    for g in gold:
        if id(g) not in matched_gold:
            for name in _slots(g):
                add(name, Counts(0, 0, 1))
    for p in predicted:
        if id(p) not in matched_predicted:
            for name in _slots(p):
                add(name, Counts(0, 1, 0))
    n = len(pairs)
    ordered = {name: by_slot[name] for name in sorted(by_slot, key=_slot_order)}
    return FactScore(facts=Counts(n, len(predicted) - n, len(gold) - n),
                     slots=sum(ordered.values(), Counts()), by_slot=ordered)


def _slot_order(name: str) -> tuple[int, str]:
    names = [slot for slots in FACT_SLOTS.values() for slot in slots]
    return (names.index(name) if name in names else len(names), name)


def _slots(fact: Record) -> dict[str, Any]:
    """The slots of a fact that are given (a value that is not None or empty)."""
    return {name: value for name, value in (fact.get("slots") or {}).items()
            if _slot_text(value) is not None or _slot_span(value) is not None}


def _fact_pair_score(gold: Record, predicted: Record) -> tuple[int, int, int]:
    """Shared characters (0: no overlap), agreeing slots, minus the characters only one covers."""
    shared, excess = _overlap_score(gold, predicted)
    if shared <= 0:
        return (0, 0, 0)
    gold_slots, predicted_slots = _slots(gold), _slots(predicted)
    agreeing = sum(same_slot(name, gold_slots[name], predicted_slots[name])
                   for name in gold_slots.keys() & predicted_slots.keys())
    return (shared, agreeing, excess)


def _slot_text(value: Any) -> str | None:
    text = value.get("text") if isinstance(value, Mapping) else value
    if text is None or isinstance(text, Mapping | list | tuple):
        return None
    text = str(text)
    return text if text.strip() else None


def _slot_span(value: Any) -> tuple[int, int] | None:
    if isinstance(value, Mapping):
        start, end = value.get("start"), value.get("end")
        if _is_offset(start) and _is_offset(end):
            return (start, end)
    return None


def _is_offset(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def same_slot(name: str, gold: Any, predicted: Any) -> bool:
    """Whether a predicted slot value is the gold one.

    A value is a text or an object with ``text`` (and ``start``/``end``, …). Entity slots
    (``ENTITY_SLOTS``) are compared by span offsets when both sides have them; otherwise, and
    for the other slots, by text: casefolded, whitespace runs to one space, ё = е.
    """
    if name in ENTITY_SLOTS:
        gold_span, predicted_span = _slot_span(gold), _slot_span(predicted)
        if gold_span is not None and predicted_span is not None:
            return gold_span == predicted_span
    gold_text, predicted_text = _slot_text(gold), _slot_text(predicted)
    return (gold_text is not None and predicted_text is not None
            and text_key(gold_text) == text_key(predicted_text))


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
    for fact in record.get("facts") or []:
        if not (isinstance(fact, dict) and isinstance(fact.get("type"), str)
                and all(isinstance(fact.get(k), int) for k in ("start", "end"))
                and isinstance(fact.get("slots") or {}, dict)):
            raise InputError(f"{where}: a fact without integer 'start', 'end', a 'type' "
                             f"and an object 'slots'")
    return record
