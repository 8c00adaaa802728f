"""Lemma accuracy on UD Russian GSD dev and Taiga dev.

Each sentence (its ``# text =`` line) is one text for both systems.  Gold
tokens get character offsets by finding each FORM in order in that text
(multiword-token lines ``1-2`` and empty nodes ``1.1`` are skipped).  Gold
tokens with UPOS PUNCT are left out.  A gold token is right when exactly one
predicted token has its span and that token's lemma equals the gold lemma,
both casefolded with ё read as е; otherwise it is wrong (so tokenisation
differences count as errors).

natasha: Segmenter + NewsMorphTagger + MorphVocab (``token.lemmatize``).
munitext: ``t.lemma_`` of ``munitext.load()``.

    .venv/bin/python benchmarks/lemma_ud.py [--data DIR] [--json] [--errors N]
"""

from collections import Counter
from pathlib import Path

import common

TREEBANKS = {"GSD": "UD_Russian-GSD/dev.conllu", "Taiga": "UD_Russian-Taiga/dev.conllu"}


def norm(lemma):
    return lemma.casefold().replace("ё", "е")


class Token:
    __slots__ = ("form", "lemma", "upos", "start", "stop")

    def __init__(self, form, lemma, upos, start, stop):
        self.form, self.lemma, self.upos = form, lemma, upos
        self.start, self.stop = start, stop


def read_conllu(path):
    """Yield (text, [Token]) per sentence; tokens not found in the text get
    start = stop = -1 (they can never match a prediction)."""
    text, rows = None, []
    lines = common.need(path).read_text(encoding="utf-8").splitlines()
    for line in lines + [""]:
        if line.startswith("# text = "):
            text = line[len("# text = ") :]
        elif line.startswith("#"):
            continue
        elif line.strip():
            cols = line.split("\t")
            if cols[0].isdigit():  # skips 1-2 and 1.1
                rows.append((cols[1], cols[2], cols[3]))
        elif rows:
            yield text, list(place(text, rows))
            text, rows = None, []


def place(text, rows):
    cursor = 0
    for form, lemma, upos in rows:
        start = text.find(form, cursor)
        if start < 0:
            yield Token(form, lemma, upos, -1, -1)
            continue
        cursor = start + len(form)
        yield Token(form, lemma, upos, start, cursor)


# ----------------------------------------------------------------- systems
# Each yields, per text, {(start, stop): (lemma, pos)} of predicted tokens;
# spans predicted more than once map to None.


def collect(items):
    out = {}
    for span, value in items:
        out[span] = None if span in out else value
    return out


def natasha_tokens(texts):
    nat = common.Natasha(morph=True)
    for text in texts:
        doc = nat.doc(text)
        doc.tag_morph(nat.morph_tagger)
        for t in doc.tokens:
            t.lemmatize(nat.morph_vocab)
        yield collect(((t.start, t.stop), (t.lemma, t.pos)) for t in doc.tokens)


def munitext_tokens(texts):
    nlp = common.load_munitext()
    for doc in nlp.pipe(texts, batch_size=64):
        yield collect(((t.idx, t.idx + len(t.text)), (t.lemma_, t.pos_)) for t in doc if not t.is_space)


PREDICT = {"natasha": natasha_tokens, "munitext": munitext_tokens}


def evaluate(data, system):
    """Score one system on every treebank, loading its models once.
    Returns {treebank: (correct, total, errors)}; errors are
    (form, upos, gold lemma, predicted)."""
    texts = [text for sents in data.values() for text, _ in sents]
    preds = PREDICT[system](texts)
    out = {}
    for name, sents in data.items():
        correct, total, errors = 0, 0, []
        for (_, gold), pred in zip(sents, preds):
            for tok in gold:
                if tok.upos == "PUNCT":
                    continue
                total += 1
                hit = pred.get((tok.start, tok.stop))
                if hit is not None and norm(hit[0] or "") == norm(tok.lemma):
                    correct += 1
                else:
                    guess = "<no token>" if hit is None else f"{hit[0]} ({hit[1]})"
                    errors.append((tok.form, tok.upos, tok.lemma, guess))
        out[name] = (correct, total, errors)
    return out


def main():
    p = common.parser(__doc__)
    p.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="print the N most frequent errors of munitext (of natasha with --only natasha)",
    )
    args = p.parse_args()
    data = {name: list(read_conllu(Path(args.data) / rel)) for name, rel in TREEBANKS.items()}
    results, errors = {}, Counter()
    for system in common.systems(args):
        results[system] = {}
        sum_c = sum_t = 0
        for name, (c, t, errs) in evaluate(data, system).items():
            results[system][name] = {"accuracy": c / t if t else 0.0, "correct": c, "tokens": t}
            sum_c, sum_t = sum_c + c, sum_t + t
            if system == common.systems(args)[-1]:
                errors.update(errs)
        results[system]["overall"] = {"accuracy": sum_c / sum_t, "correct": sum_c, "tokens": sum_t}
    unplaced = sum(tok.start < 0 for sents in data.values() for _, toks in sents for tok in toks)
    top = errors.most_common(args.errors) if args.errors else []
    if args.json:
        out = {"systems": results, "gold_tokens_not_found_in_text": unplaced}
        if top:
            out["errors"] = [
                {"form": f, "upos": u, "gold": g, "predicted": p, "count": n} for (f, u, g, p), n in top
            ]
        common.dump_json(out)
        return
    rows = [
        [part, system, r[part]["accuracy"], r[part]["correct"], r[part]["tokens"]]
        for part in list(TREEBANKS) + ["overall"]
        for system, r in results.items()
    ]
    print("lemma accuracy, UD Russian dev, punctuation left out (casefolded, ё = е)")
    print(common.table(["treebank", "system", "accuracy", "correct", "tokens"], rows))
    print(f"gold tokens whose FORM was not found in the text: {unplaced}")
    if top:
        who = common.systems(args)[-1]
        print(f"\n{len(top)} most frequent {who} errors:")
        print(
            common.table(
                ["count", "word", "upos", "gold", "predicted (pos)"],
                [[n, f, u, g, p] for (f, u, g, p), n in top],
            )
        )


if __name__ == "__main__":
    main()
