"""NER on the factRuEval-2016 devset: token-level P/R/F1 for PER, LOC, ORG.

Scoring follows naeval (github.com/natasha/naeval), the benchmark behind
natasha's published figures:

* gold: Person objects as a whole (first to last char of all their spans);
  Org objects by their ``org_name`` spans only; Location and LocOrg objects
  by their ``loc_name`` spans only, both counted as LOC;
* overlapping spans are dropped (the one starting later, or the shorter of
  two starting together, goes), in gold and in predictions alike;
* spans whose ends are not razdel token bounds are dropped, in gold and in
  predictions alike (the script reports how many predictions that cost);
* every razdel token of a text is inside a span of a type or not; precision
  and recall are counted over these tokens per type, summed over the corpus.

natasha's side: NewsNERTagger on each whole text.  munitext's side:
``doc.ents`` of ``munitext.load()``; OBLAST/RAION/AIMAK/SETTLEMENT count as
LOC, INSTITUTION as ORG, other labels are ignored.

    .venv/bin/python benchmarks/ner_factru.py [--data DIR] [--json] [--only natasha]
"""

from collections import Counter
from pathlib import Path

import common
from razdel import tokenize

TYPES = ("PER", "LOC", "ORG")
FACTRU_TYPES = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}
NAME_PART = {"Org": "org_name", "Location": "loc_name", "LocOrg": "loc_name"}
MUNITEXT_TYPES = {
    "PER": "PER",
    "LOC": "LOC",
    "ORG": "ORG",
    "OBLAST": "LOC",
    "RAION": "LOC",
    "AIMAK": "LOC",
    "SETTLEMENT": "LOC",
    "INSTITUTION": "ORG",
}


# ---------------------------------------------------------------- gold data


def read_lines(path):
    return path.read_text(encoding="utf-8").splitlines()


def load_doc(txt):
    """Return (text, gold spans [(start, stop, type)]) of one book_N.txt."""
    text = txt.read_text(encoding="utf-8")
    parts = {}  # span id -> (part type, start, stop)
    for line in read_lines(txt.with_suffix(".spans")):
        if line.strip():
            id_, kind, start, size = line.split()[:4]
            parts[id_] = (kind, int(start), int(start) + int(size))
    spans = []
    for line in read_lines(txt.with_suffix(".objects")):
        fields = line.split()
        if len(fields) < 3 or fields[1] not in FACTRU_TYPES:
            continue
        kind, ids = fields[1], []
        for f in fields[2:]:
            if not f.isdigit():
                break  # the "# words" comment
            ids.append(f)
        own = [parts[i] for i in ids]
        label = FACTRU_TYPES[kind]
        if kind == "Person":
            spans.append((min(s for _, s, _ in own), max(e for _, _, e in own), label))
        else:
            names = [(s, e, label) for part, s, e in own if part == NAME_PART[kind]]
            spans.extend(drop_overlapping(names))
    return text, spans


def load_corpus(folder):
    files = sorted(common.need(folder).glob("book_*.txt"), key=lambda p: int(p.stem.split("_")[1]))
    if not files:
        raise SystemExit(f"no book_*.txt in {folder}")
    return [load_doc(f) for f in files]


# ----------------------------------------------------------------- scoring


def drop_overlapping(spans):
    """Drop every span that overlaps an earlier kept one (naeval's order:
    by start, longer first); the rest keep their order."""
    dropped, last = set(), None
    for i in sorted(range(len(spans)), key=lambda i: (spans[i][0], -spans[i][1])):
        if last is not None and last[1] > spans[i][0]:
            dropped.add(i)
        else:
            last = spans[i]
    return [s for i, s in enumerate(spans) if i not in dropped]


def adapt(spans, tokens):
    """naeval's clean-up: no overlaps, bounds on token bounds, sorted.
    Returns (spans, number dropped as misaligned)."""
    spans = drop_overlapping(spans)
    starts = {t.start for t in tokens}
    stops = {t.stop for t in tokens}
    kept = [s for s in spans if s[0] in starts and s[1] in stops]
    return sorted(kept, key=lambda s: s[0]), len(spans) - len(kept)


def token_labels(tokens, spans):
    """Label of the span each token lies in (None outside); spans sorted,
    disjoint and token-aligned."""
    labels, i = [], 0
    for t in tokens:
        while i < len(spans) and spans[i][1] <= t.start:
            i += 1
        inside = i < len(spans) and spans[i][0] <= t.start < spans[i][1]
        labels.append(spans[i][2] if inside else None)
    return labels


class Counts:
    """Token counts per type: true positives, predicted, gold."""

    def __init__(self):
        self.tp, self.pred, self.gold = Counter(), Counter(), Counter()
        self.misaligned = 0

    def add(self, tokens, pred, gold):
        for p, g in zip(token_labels(tokens, pred), token_labels(tokens, gold)):
            for label in TYPES:
                self.pred[label] += p == label
                self.gold[label] += g == label
                self.tp[label] += p == label and g == label

    def scores(self):
        out = {}
        for label in TYPES:
            p = self.tp[label] / self.pred[label] if self.pred[label] else 0.0
            r = self.tp[label] / self.gold[label] if self.gold[label] else 0.0
            out[label] = {
                "precision": p,
                "recall": r,
                "f1": 2 * p * r / (p + r) if p + r else 0.0,
                "gold_tokens": self.gold[label],
                "pred_tokens": self.pred[label],
            }
        return out


# ----------------------------------------------------------------- systems


def natasha_spans(texts):
    tagger = common.Natasha(ner=True).ner_tagger
    for text in texts:
        yield [(s.start, s.stop, s.type) for s in tagger(text).spans if s.type in TYPES]


def munitext_spans(texts):
    nlp = common.load_munitext()
    for doc in nlp.pipe(texts, batch_size=16):
        yield [
            (e.start_char, e.end_char, MUNITEXT_TYPES[e.label_])
            for e in doc.ents
            if e.label_ in MUNITEXT_TYPES
        ]


PREDICT = {"natasha": natasha_spans, "munitext": munitext_spans}


def evaluate(corpus, system):
    texts = [text for text, _ in corpus]
    counts = Counts()
    for (text, gold), pred in zip(corpus, PREDICT[system](texts)):
        tokens = list(tokenize(text))
        gold, _ = adapt(gold, tokens)
        pred, misaligned = adapt(pred, tokens)
        counts.misaligned += misaligned
        counts.add(tokens, pred, gold)
    return {"types": counts.scores(), "misaligned_predictions": counts.misaligned}


def main():
    p = common.parser(__doc__)
    args = p.parse_args()
    folder = Path(args.data) / "factRuEval-2016" / "devset"
    corpus = load_corpus(folder)
    results = {name: evaluate(corpus, name) for name in common.systems(args)}
    if args.json:
        common.dump_json({"dataset": "factRuEval-2016 devset", "documents": len(corpus), "systems": results})
        return
    rows = []
    for label in TYPES:
        for name, res in results.items():
            s = res["types"][label]
            rows.append(
                [label, name, s["precision"], s["recall"], s["f1"], s["gold_tokens"], s["pred_tokens"]]
            )
    print(f"factRuEval-2016 devset, {len(corpus)} documents, token-level scores (naeval)")
    print(common.table(["type", "system", "P", "R", "F1", "gold tok", "pred tok"], rows))
    for name, res in results.items():
        print(
            f"{name}: {res['misaligned_predictions']} predicted spans dropped as not on razdel token bounds"
        )


if __name__ == "__main__":
    main()
