"""The ``munitext`` command."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from .engines import local
from .evaluate import Accuracy, Counts, FactScore, LabelScore, Report, SetScore, evaluate, read_records
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
                examples.setdefault(entity["label"],
                                   f"{entity['text']} → {entity['normal'] or entity['value']}")
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
    """Score predictions against a gold set: entities, regions, topics and facts.

    Entities: P/R/F1 per label and micro-averaged, on exact spans
    (same start, end, label) and on overlapping spans (same label,
    one-to-one); on exact matches, the accuracy of 'normal', 'kb_id'
    and 'value' where gold gives them (n judged in brackets).

    Regions: documents with exactly the gold set; P/R/F1 over pairs.
    Topics: documents with a predicted topic in gold; P/R/F1 over pairs.

    Facts: matched one-to-one per document by type and overlap of
    start/end; P/R/F1 over slots per fact type (a slot is right when
    the matched gold fact has it with the same span or text); facts
    gold, predicted and matched.

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


def _fact_row(name: str, score: FactScore) -> list[str]:
    return [name, *_prf(score.slots), str(score.slots.gold), str(score.slots.predicted),
            str(score.facts.gold), str(score.facts.predicted), str(score.facts.tp)]


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, box=box.SIMPLE_HEAD, padding=0, pad_edge=False,
                  title_justify="left")
    for column in columns:
        table.add_column(column, no_wrap=True,
                         justify="left" if column in ("label", "type", "") else "right")
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
    facts = _table("Facts (P/R/F1 over slots; facts matched by type and overlap)",
                   "type", "P", "R", "F1", "gold", "pred", "facts", "pred facts", "matched")
    for name, score in report.fact_types.items():
        facts.add_row(*_fact_row(name, score))
    facts.add_section()
    facts.add_row(*_fact_row("micro", report.facts), style="bold")
    report_console.print(facts)
    for name, ids in (("missing from predictions (scored as empty)", report.missing),
                      ("unknown ids in predictions (ignored)", report.unknown),
                      ("repeated ids in predictions (ignored)", report.duplicates),
                      ("failed in extraction ('error' set)", report.failed)):
        if ids:
            shown = ", ".join(ids[:10]) + (", …" if len(ids) > 10 else "")
            report_console.print(f"[yellow]{len(ids)} {name}:[/yellow] {shown}")


class Level(StrEnum):
    oblast = "oblast"
    raion = "raion"


class Period(StrEnum):
    year = "year"
    month = "month"


STATS_FORMATS = (".csv", ".parquet")


@app.command("stats")
def stats_command(
    predictions: Annotated[list[Path], typer.Argument(
        help="JSONL files written by 'munitext extract' (their documents are pooled).",
        show_default=False)],
    out: Annotated[Path, typer.Option(
        "--out", "-o", help="Output table, .csv or .parquet (by extension): one row per region × "
                            "period × topic with n_docs, region_docs, share_region, share_national "
                            "and lift.", show_default=False)],
    level: Annotated[Level, typer.Option(
        help="Regions: 'oblast' (the documents' regions: oblasts, Bishkek and Osh) or 'raion' "
             "(raions and city districts of the places they link).")] = Level.oblast,
    period: Annotated[Period | None, typer.Option(
        help="Split by the year or month of each document's meta 'date' (undated: 'не указан'). "
             "Default: no split, period 'all'.", show_default=False)] = None,
    plot: Annotated[Path | None, typer.Option(
        help="Also draw a PNG heatmap here: regions × topics, the share of each region's "
             "documents, all periods together.", show_default=False)] = None,
) -> None:
    """Topics per region (and period) of extracted documents, as a table and a heatmap.

    A document counts in every region it names; those that name none count as 'не указан'.

    Exit 2 when an input cannot be read or an output has an unknown extension.
    """
    if out.suffix.lower() not in STATS_FORMATS:
        console.print(f"[red]error:[/red] --out must end in .csv or .parquet, not {out.name}")
        raise typer.Exit(2)
    if plot is not None and plot.suffix.lower() != ".png":
        console.print(f"[red]error:[/red] --plot must end in .png, not {plot.name}")
        raise typer.Exit(2)
    try:
        records = [record for path in predictions for record in read_records(path)]
    except InputError as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None
    from . import stats  # pandas and matplotlib only when asked for

    table = stats.region_topics(records, level=level.value, period=period.value if period else None)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if out.suffix.lower() == ".csv":
            table.to_csv(out, index=False)
        else:
            table.to_parquet(out, index=False)
        if plot is not None:
            plot.parent.mkdir(parents=True, exist_ok=True)
            whole = table if period is None else stats.region_topics(records, level=level.value)
            stats.heatmap(whole, plot)
    except OSError as error:
        console.print(f"[red]error:[/red] cannot write: {error}")
        raise typer.Exit(2) from None
    regions = table["region"].nunique()
    console.print(f"[bold]{len(records)}[/bold] documents, [bold]{regions}[/bold] regions, "
                  f"[bold]{len(table)}[/bold] rows → {out}" + (f", heatmap → {plot}" if plot else ""))


if __name__ == "__main__":
    app()
