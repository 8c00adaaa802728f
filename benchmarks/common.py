"""Helpers shared by the benchmark scripts: paths, options, model loading, output."""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "eval"
SYSTEMS = ("natasha", "munitext")


def parser(description, data=True):
    """An ArgumentParser with the options every benchmark has."""
    p = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    if data:
        p.add_argument(
            "--data",
            type=Path,
            default=DEFAULT_DATA,
            help="evaluation data folder (default: ../shared/data/eval beside the project root)",
        )
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--only", choices=SYSTEMS, help="run one system only (default: both)")
    return p


def systems(args):
    return (args.only,) if args.only else SYSTEMS


def need(path):
    """Return path, or exit with a clear message if it does not exist."""
    path = Path(path)
    if not path.exists():
        sys.exit(f"missing: {path} (use --data DIR to point at the eval data)")
    return path


def load_munitext():
    try:
        import munitext
    except ImportError:
        sys.exit("munitext is not installed: pip install -e . (or run with --only natasha)")
    return munitext.load()


class Natasha:
    """natasha's news models, loaded once."""

    def __init__(self, morph=False, ner=False):
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

        emb = NewsEmbedding()
        self.segmenter = Segmenter()
        self.morph_tagger = NewsMorphTagger(emb) if morph else None
        self.morph_vocab = MorphVocab() if morph else None
        self.ner_tagger = NewsNERTagger(emb) if ner else None

    def doc(self, text):
        from natasha import Doc

        doc = Doc(text)
        doc.segment(self.segmenter)
        return doc


def table(headers, rows, digits=4):
    """Format rows as a plain text table; numbers right-aligned."""

    def cell(v):
        if isinstance(v, float):
            return f"{v:.{digits}f}"
        return str(v)

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    numeric = [all(isinstance(row[i], (int, float)) for row in rows) for i in range(len(headers))]

    def line(values):
        return "  ".join(v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric)).rstrip()

    out = [line(headers), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    return "\n".join(out)


def dump_json(obj):
    print(json.dumps(obj, ensure_ascii=False, indent=2))
