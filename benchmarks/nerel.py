"""DATE, COUNT and MONEY on the NEREL dev set: span P/R/F1 by overlap.

Gold: the brat T lines of the types below (NUMBER and PERCENT both count as
COUNT). NEREL nests its entities; only the outermost of these types are kept
(one inside another of them is dropped), and a discontinuous span
(``;`` in its offsets) takes its outer extent.

A prediction matches a gold span of its label when they share a character;
matching is one-to-one, best overlap first, within each document.

munitext: ``doc.ents`` of ``munitext.load()`` with these labels, read in NEREL's scheme:
NEREL's DATE also covers durations («три года», «в течение десяти дней»), which munitext
labels COUNT with a ``duration`` value, so those count as DATE, except durations in hours,
minutes and seconds (``duration`` «PT…»), which are NEREL's TIME; an age («ему 71 год»,
COUNT with ``age``) is NEREL's AGE. TIME and AGE are not scored. The row «munitext, own labels»
scores ``doc.ents`` as they are. natasha: ``DatesExtractor`` (DATE) and ``MoneyExtractor``
(MONEY); it has no COUNT.

    .venv/bin/python benchmarks/nerel.py [--data DIR] [--json] [--only natasha]
"""

from collections import Counter
from pathlib import Path

import common

LABELS = ("DATE", "COUNT", "MONEY")
NEREL_TYPES = {"DATE": "DATE", "NUMBER": "COUNT", "PERCENT": "COUNT", "MONEY": "MONEY"}
NATASHA_LABELS = ("DATE", "MONEY")


# ---------------------------------------------------------------- gold data


def read_ann(path):
    """Spans (start, stop, label) of the scored types, outermost only."""
    spans = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if not line.startswith("T") or len(fields) < 2:
            continue
        kind, _, offsets = fields[1].partition(" ")
        if kind in NEREL_TYPES:
            bounds = [int(n) for part in offsets.split(";") for n in part.split()]
            spans.append((min(bounds), max(bounds), NEREL_TYPES[kind]))
    return [s for s in set(spans) if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]


def load_corpus(folder):
    files = sorted(common.need(folder).glob("*.txt"))
    if not files:
        raise SystemExit(f"no *.txt in {folder}")
    return [(f.read_text(encoding="utf-8"), read_ann(f.with_suffix(".ann"))) for f in files]


# ----------------------------------------------------------------- scoring


def overlap(a, b):
    return min(a[1], b[1]) - max(a[0], b[0])


def matches(gold, predicted):
    """How many one-to-one pairs of overlapping spans, the largest overlaps first."""
    pairs = sorted(((overlap(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(predicted)),
                   reverse=True)
    used_gold, used_predicted = set(), set()
    for shared, i, j in pairs:
        if shared > 0 and i not in used_gold and j not in used_predicted:
            used_gold.add(i)
            used_predicted.add(j)
    return len(used_gold)


class Counts:
    """True positives, predictions and gold spans per label."""

    def __init__(self):
        self.tp, self.pred, self.gold = Counter(), Counter(), Counter()

    def add(self, gold, predicted, labels):
        for label in labels:
            g = [s for s in gold if s[2] == label]
            p = [s for s in predicted if s[2] == label]
            self.tp[label] += matches(g, p)
            self.pred[label] += len(p)
            self.gold[label] += len(g)

    def scores(self, labels):
        out = {}
        for label in labels:
            p = self.tp[label] / self.pred[label] if self.pred[label] else 0.0
            r = self.tp[label] / self.gold[label] if self.gold[label] else 0.0
            out[label] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                          "tp": self.tp[label], "gold": self.gold[label], "predicted": self.pred[label]}
        return out


# ----------------------------------------------------------------- systems


def natasha_spans(texts):
    from natasha import DatesExtractor, MoneyExtractor, MorphVocab

    vocab = MorphVocab()
    extractors = {"DATE": DatesExtractor(vocab), "MONEY": MoneyExtractor(vocab)}
    for text in texts:
        yield [(m.start, m.stop, label) for label, extract in extractors.items() for m in extract(text)]


def nerel_label(entity):
    """The NEREL type a munitext entity has in NEREL's scheme (None: a type not scored)."""
    value = entity._.value or {}
    duration = value.get("duration") if entity.label_ == "COUNT" else None
    if entity.label_ == "COUNT" and (value.get("age") or (duration or "").startswith("PT")):
        return None  # NEREL's AGE or TIME
    return "DATE" if duration else entity.label_


def munitext_spans(texts):
    """Per document: the spans in NEREL's scheme, and the spans with munitext's own labels."""
    nlp = common.load_munitext()
    for doc in nlp.pipe(texts, batch_size=16):
        yield {"munitext": [(e.start_char, e.end_char, nerel_label(e)) for e in doc.ents],
               "munitext, own labels": [(e.start_char, e.end_char, e.label_) for e in doc.ents]}


def natasha_systems(texts):
    for spans in natasha_spans(texts):
        yield {"natasha": spans}


PREDICT = {"natasha": (natasha_systems, NATASHA_LABELS), "munitext": (munitext_spans, LABELS)}


def evaluate(corpus, system):
    """Scores per row name: natasha gives one row, munitext two."""
    predict, labels = PREDICT[system]
    counts = {}
    for (_, gold), rows in zip(corpus, predict([text for text, _ in corpus])):
        for name, predicted in rows.items():
            counts.setdefault(name, Counts()).add(gold, predicted, labels)
    return {name: row.scores(labels) for name, row in counts.items()}


def main():
    p = common.parser(__doc__)
    args = p.parse_args()
    folder = Path(args.data) / "NEREL" / "dev"
    corpus = load_corpus(folder)
    results = {row: scores for name in common.systems(args) for row, scores in evaluate(corpus, name).items()}
    if args.json:
        common.dump_json({"dataset": "NEREL dev", "documents": len(corpus), "systems": results})
        return
    rows = [[label, name, s["precision"], s["recall"], s["f1"], s["tp"], s["gold"], s["predicted"]]
            for label in LABELS for name, res in results.items() if (s := res.get(label))]
    print(f"NEREL dev, {len(corpus)} documents, spans matched one-to-one by overlap")
    print(common.table(["label", "system", "P", "R", "F1", "tp", "gold", "pred"], rows))


if __name__ == "__main__":
    main()
