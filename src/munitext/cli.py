"""The ``munitext`` command."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from .engines import local
from .evaluate import Accuracy, Counts, LabelScore, Report, SetScore, evaluate, read_records
from .io import InputDocument, InputError, check_encoding, check_paths, read_documents, write_record

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="munitext: Russian-language news about local self-government in "
                       "Kyrgyzstan, turned into data.")
console = Console(stderr=True)
report_console = Console()


@app.callback()
def main() -> None:
    """munitext: Russian-language news about local self-government in Kyrgyzstan, turned into data."""


@app.command()
def extract(
    inputs: Annotated[list[Path], typer.Argument(
        help="Folders of .txt files (id = file name without extension), .txt files, or JSONL "
             "files with 'id' and 'text' fields (other fields are kept as meta).",
        show_default=False)],
    out: Annotated[Path, typer.Option(
        "--out", "-o", help="Output JSONL: one line per input document; '-' for stdout.",
        show_default=False)],
    workers: Annotated[int, typer.Option(
        "--workers", "-w", min=1, help="Worker processes; each loads the models once.")] = 1,
    batch_size: Annotated[int, typer.Option(
        "--batch-size", min=1, help="Documents per batch handed to a worker.")] = 32,
    encoding: Annotated[str, typer.Option(
        help="Encoding of the input files, e.g. cp1251.")] = "utf-8",
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="Print no summary.")] = False,
) -> None:
    """Find entities in every document and write one JSON line per document.

    A document that cannot be read or processed still gets its line, with 'error' set;
    the others go on. A missing or unsupported input path stops before any work (exit 2).
    """
    try:
        documents = read_documents(check_paths(inputs), check_encoding(encoding))
    except InputError as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None
    started = time.perf_counter()
    handle = sys.stdout if str(out) == "-" else _open_output(out)
    labels: Counter[str] = Counter()
    examples: dict[str, str] = {}
    n_docs = n_tokens = n_errors = 0
    try:
        processed = local.run(documents, workers=workers, batch_size=batch_size)
        for item in processed:
            record = item.record
            write_record(record, handle)
            n_docs += 1
            n_tokens += item.n_tokens
            n_errors += record["error"] is not None
            for entity in record["entities"]:
                labels[entity["label"]] += 1
                examples.setdefault(entity["label"], f"{entity['text']} → {entity['normal']}")
    finally:
        if handle is not sys.stdout:
            handle.close()
    if not quiet:
        _summary(n_docs, n_tokens, n_errors, labels, examples, time.perf_counter() - started, out)


def _open_output(out: Path):
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        return out.open("w", encoding="utf-8")
    except OSError as error:
        console.print(f"[red]error:[/red] cannot write {out}: {error.strerror}")
        raise typer.Exit(2) from None


def _summary(n_docs: int, n_tokens: int, n_errors: int, labels: Counter[str],
             examples: dict[str, str], seconds: float, out: Path) -> None:
    console.print(f"[bold]{n_docs}[/bold] documents, [bold]{n_tokens}[/bold] tokens, "
                  f"[bold]{sum(labels.values())}[/bold] entities in {seconds:.1f} s → {out}")
    if n_errors:
        console.print(f"[yellow]{n_errors} document(s) failed; their lines carry 'error'.[/yellow]")
    table = Table("label", "entities", "example (text → normal)")
    for label, count in labels.most_common():
        table.add_row(label, str(count), examples[label])
    console.print(table)


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Option(
        "--gold", "-g", help="Gold JSONL: one line per document with 'id', 'text', 'meta', "
                             "'entities', 'topics' and 'regions' (as corpora/gold/gold.jsonl).",
        show_default=False)],
    predictions: Annotated[Path | None, typer.Argument(
        help="Predictions JSONL written by 'munitext extract' on the gold texts. Without it, "
             "extraction runs here on the gold texts (with their meta).",
        show_default=False)] = None,
    workers: Annotated[int, typer.Option(
        "--workers", "-w", min=1, help="Worker processes when extracting here.")] = 1,
    batch_size: Annotated[int, typer.Option(
        "--batch-size", min=1, help="Documents per batch when extracting here.")] = 32,
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print the report as JSON instead of tables.")] = False,
) -> None:
    """Score predictions against a gold set: entities, regions and topics.

    Entities: P/R/F1 per label and micro-averaged, on exact spans
    (same start, end, label) and on overlapping spans (same label,
    one-to-one); on exact matches, the accuracy of 'normal', 'kb_id'
    and 'value' where gold gives them (n judged in brackets).

    Regions: documents with exactly the gold set; P/R/F1 over pairs.
    Topics: documents with a predicted topic in gold; P/R/F1 over pairs.

    Exit 0 whatever the scores; 2 when a file cannot be used.
    """
    try:
        gold_records = read_records(gold, need_text=True)
        predicted = read_records(predictions) if predictions is not None else None
    except InputError as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None
    if predicted is None:
        if not as_json:
            console.print(f"extracting {len(gold_records)} gold documents…")
        documents = (InputDocument(str(r["id"]), r["text"], dict(r.get("meta") or {}))
                     for r in gold_records)
        predicted = [item.record for item in local.run(documents, workers=workers,
                                                       batch_size=batch_size)]
    report = evaluate(gold_records, predicted)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_report(report)


def _score(value: float) -> str:
    return f"{value:.2f}"


def _accuracy(accuracy: Accuracy) -> str:
    return "—" if accuracy.accuracy is None else f"{accuracy.accuracy:.2f} ({accuracy.total})"


def _prf(counts: Counts) -> list[str]:
    return [_score(counts.precision), _score(counts.recall), _score(counts.f1)]


def _entity_row(label: str, score: LabelScore) -> list[str]:
    return [label, *_prf(score.exact), _score(score.overlap.f1), str(score.exact.gold),
            str(score.exact.predicted), *map(_accuracy, (score.normal, score.kb_id, score.value))]


def _set_row(name: str, judged: str, score: SetScore) -> list[str]:
    return [name, f"{judged} {_accuracy(score.documents)}", *_prf(score.pairs),
            str(score.pairs.gold), str(score.pairs.predicted)]


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, box=box.SIMPLE_HEAD, padding=0, pad_edge=False,
                  title_justify="left")
    for column in columns:
        table.add_column(column, no_wrap=True, justify="left" if column in ("label", "") else "right")
    return table


def _print_report(report: Report) -> None:
    entities = _table(f"Entities, {report.n_documents} documents (exact spans; accuracy (n judged))",
                      "label", "P", "R", "F1", "F1 ovl", "gold", "pred", "normal", "kb_id", "value")
    for label, score in report.labels.items():
        entities.add_row(*_entity_row(label, score))
    entities.add_section()
    entities.add_row(*_entity_row("micro", report.overall), style="bold")
    report_console.print(entities)
    sets = _table("Regions and topics (P/R/F1 over document-item pairs)",
                  "", "documents", "P", "R", "F1", "gold", "pred")
    sets.add_row(*_set_row("regions", "exact set", report.regions))
    sets.add_row(*_set_row("topics", "any hit", report.topics))
    report_console.print(sets)
    for name, ids in (("missing from predictions (scored as empty)", report.missing),
                      ("unknown ids in predictions (ignored)", report.unknown),
                      ("repeated ids in predictions (ignored)", report.duplicates),
                      ("failed in extraction ('error' set)", report.failed)):
        if ids:
            shown = ", ".join(ids[:10]) + (", …" if len(ids) > 10 else "")
            report_console.print(f"[yellow]{len(ids)} {name}:[/yellow] {shown}")


if __name__ == "__main__":
    app()
