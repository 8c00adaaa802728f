"""Statistics per region: which topics each region's news is about (by period), and what it counts.

The input is an :class:`~munitext.frames.Analysis` or the records ``munitext extract`` writes
(dicts with ``regions``, ``topics``, ``entities`` and ``meta``, whose optional ``date`` gives
the period); :func:`corpus` turns either into one shape. A document counts once in every region
it names; a document that names none counts in the row ``UNKNOWN``, never dropped.
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .frames import Analysis, placement
from .topics import iter_topic_ids, load_lexicon, topic_ids

UNKNOWN = "не указан"  # region (or period) of documents that name none
ALL = "all"  # the period when statistics are not split by period
NATIONAL = "все документы"  # the heatmap's last row: shares of the whole corpus
LEVELS = ("oblast", "raion")
PERIODS = (None, "year", "month")
MUNICIPALITY_LABELS = ("AIMAK", "SETTLEMENT")
PEOPLE_UNITS = frozenset({"человек", "участник", "слушатель", "житель", "гражданин", "сельчанин",
                          "горожанин", "представитель", "делегат", "волонтер", "служащий",
                          "специалист"})
MAX_PARTICIPANTS = 3000  # a larger count of people is a population («70 тыс. человек»), not a turnout
DIGITS = 4  # decimals of shares and lifts
N_INSTITUTIONS = 3  # institutions named in the summary
_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?")

TOPIC_COLUMNS = ["region", "period", "topic", "n_docs", "region_docs", "share_region",
                 "share_national", "lift"]
SUMMARY_COLUMNS = ["region", "documents", "municipalities", "top_institutions", "participants",
                   "money_kgs"]


@dataclass(frozen=True, slots=True)
class Corpus:
    """The statistics' view of a corpus: one row per document (``doc_id``, ``regions``, ``topics``
    as id lists, ``date``) and one per entity (``doc_id``, ``label``, ``normal``, ``kb_id``,
    ``oblast``, ``raion``, ``value``)."""

    documents: pd.DataFrame
    entities: pd.DataFrame

    def __repr__(self) -> str:
        return f"Corpus(documents={len(self.documents)}, entities={len(self.entities)})"


_DOCUMENT_COLUMNS = ["doc_id", "regions", "topics", "date"]
_ENTITY_COLUMNS = ["doc_id", "label", "normal", "kb_id", "oblast", "raion", "value"]


def corpus(result: Analysis | Corpus | Iterable[Mapping[str, Any]]) -> Corpus:
    """An :class:`Analysis`, or ``munitext extract`` records, as a :class:`Corpus`."""
    if isinstance(result, Corpus):
        return result
    if isinstance(result, Analysis):
        documents = [(str(doc_id), _names(regions), iter_topic_ids(topics), _date(meta))
                     for doc_id, regions, topics, meta in zip(
                         result.documents["doc_id"], result.documents["regions"],
                         result.documents["topics"], result.documents["meta"])]
        entities = result.entities[_ENTITY_COLUMNS].astype(object).astype({"doc_id": str})
        entities = entities.where(entities.notna(), None).assign(kb_id=entities["kb_id"].fillna(""))
        return Corpus(pd.DataFrame(documents, columns=_DOCUMENT_COLUMNS),
                      entities.reset_index(drop=True))
    documents, entities = [], []
    for record in result:
        doc_id = str(record["id"])
        documents.append((doc_id, _names(record.get("regions")), iter_topic_ids(record.get("topics")),
                          _date(record.get("meta"))))
        for entity in record.get("entities") or []:
            kb_id = entity.get("kb_id") or ""
            entities.append((doc_id, entity["label"], entity.get("normal"), kb_id,
                             *placement(kb_id), entity.get("value")))
    return Corpus(pd.DataFrame(documents, columns=_DOCUMENT_COLUMNS),
                  pd.DataFrame(entities, columns=_ENTITY_COLUMNS))


def _names(regions: Any) -> list[str]:
    """A document's region names (a list, an array after Parquet, or missing)."""
    if isinstance(regions, str | bytes) or not isinstance(regions, Iterable):
        return []
    return [str(region) for region in regions]


def _date(meta: Any) -> str | None:
    """The ``date`` of a document's meta as written (``YYYY[-MM[-DD]]`` or a date object)."""
    if isinstance(meta, Mapping) and meta.get("date") not in (None, ""):
        return str(meta["date"])
    return None


def period_of(date: Any, period: str | None) -> str:
    """``ALL`` without a period; else the year («2024») or month («2024-03») of a date, or ``UNKNOWN``."""
    if period is None:
        return ALL
    match = _DATE.match(date) if isinstance(date, str) else None
    if match is None or (period == "month" and match.group(2) is None):
        return UNKNOWN
    return match.group(1) if period == "year" else f"{match.group(1)}-{match.group(2)}"


def _check(level: str, period: str | None = None) -> None:
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}, not {period!r}")


def document_regions(data: Corpus, level: str = "oblast") -> pd.DataFrame:
    """(doc_id, region, oblast) pairs: every region of a document, or ``UNKNOWN`` when it has none.

    Oblast level reads the documents' ``regions``; raion level the raions of their linked units.
    """
    _check(level)
    if level == "oblast":
        found = {doc_id: [(region, region) for region in regions]
                 for doc_id, regions in zip(data.documents["doc_id"], data.documents["regions"])}
    else:
        found = {doc_id: [] for doc_id in data.documents["doc_id"]}
        units = data.entities.dropna(subset=["raion"])
        for doc_id, raion, oblast in zip(units["doc_id"], units["raion"], units["oblast"]):
            if doc_id in found and (raion, oblast) not in found[doc_id]:
                found[doc_id].append((raion, oblast))
    rows = [(doc_id, region, oblast) for doc_id, pairs in found.items()
            for region, oblast in (pairs or [(UNKNOWN, UNKNOWN)])]
    return pd.DataFrame(rows, columns=["doc_id", "region", "oblast"]).drop_duplicates()


def region_topics(result: Any, level: str = "oblast", period: str | None = None) -> pd.DataFrame:
    """Topics per region (and period), one row per region × period × topic, zeros included.

    ``n_docs``: the region's documents with the topic; ``region_docs``: all its documents;
    ``share_region`` = n_docs / region_docs; ``share_national``: the share of all documents of the
    period with the topic (each document once); ``lift`` = share_region / share_national (NaN
    when the topic never occurs). At raion level an ``oblast`` column follows ``region``.
    """
    _check(level, period)
    data = corpus(result)
    columns = TOPIC_COLUMNS if level == "oblast" else TOPIC_COLUMNS[:1] + ["oblast"] + TOPIC_COLUMNS[1:]
    if data.documents.empty:
        return _empty(columns, {"n_docs": "int64", "region_docs": "int64"})
    documents = data.documents.assign(period=[period_of(d, period) for d in data.documents["date"]])
    topics = list(topic_ids())
    national_docs = documents.groupby("period").size()
    national = Counter((p, t) for p, ids in zip(documents["period"], documents["topics"])
                       for t in set(ids))
    placed = document_regions(data, level).merge(documents[["doc_id", "period", "topics"]], on="doc_id")
    rows = []
    for (region, oblast, when), group in placed.groupby(["region", "oblast", "period"], sort=True):
        counts = Counter(t for ids in group["topics"] for t in set(ids))
        total = len(group)
        for topic in topics + sorted(set(counts) - set(topics)):
            share_national = national[when, topic] / national_docs[when]
            share_region = counts[topic] / total
            lift = share_region / share_national if share_national else float("nan")
            rows.append((region, oblast, when, topic, counts[topic], total, round(share_region, DIGITS),
                         round(share_national, DIGITS), round(lift, DIGITS)))
    frame = pd.DataFrame(rows, columns=["region", "oblast", "period", "topic", "n_docs", "region_docs",
                                        "share_region", "share_national", "lift"])
    frame = _unknown_last(frame, ["period", "region"], [True, True])[columns]
    frame.attrs["n_docs"] = len(documents)
    return frame


def region_summary(result: Any, level: str = "oblast") -> pd.DataFrame:
    """Per region: documents; distinct municipalities (AIMAK and SETTLEMENT codes) in the region;
    the most named institutions («name (n)», in its documents); participants (per document the
    largest COUNT of people up to ``MAX_PARTICIPANTS``, summed); money (per document the distinct
    MONEY sums in KGS, summed).
    """
    _check(level)
    data = corpus(result)
    columns = SUMMARY_COLUMNS if level == "oblast" else SUMMARY_COLUMNS[:1] + ["oblast"] + SUMMARY_COLUMNS[1:]
    if data.documents.empty:
        return _empty(columns, {"documents": "int64", "municipalities": "int64", "participants": "float64",
                                "money_kgs": "float64"})
    placed = document_regions(data, level)
    entities = data.entities
    per_doc_people = _per_document(entities[entities["label"] == "COUNT"], _people, max)
    per_doc_money = _per_document(entities[entities["label"] == "MONEY"], _kgs, lambda v: sum(set(v)))
    units = entities[entities["label"].isin(MUNICIPALITY_LABELS) & (entities["kb_id"] != "")]
    home = "oblast" if level == "oblast" else "raion"
    rows = []
    for (region, oblast), group in placed.groupby(["region", "oblast"], sort=True):
        ids = set(group["doc_id"])
        in_docs = entities[entities["doc_id"].isin(ids)]
        mine = units[units["doc_id"].isin(ids)]
        mine = mine[mine[home].fillna(UNKNOWN) == region]
        institutions = Counter(in_docs.loc[in_docs["label"] == "INSTITUTION", "normal"].dropna())
        rows.append((region, oblast, len(ids), mine["kb_id"].nunique(),
                     "; ".join(f"{name} ({n})" for name, n in institutions.most_common(N_INSTITUTIONS)),
                     float(sum(per_doc_people.get(d, 0) for d in ids)),
                     float(sum(per_doc_money.get(d, 0) for d in ids))))
    frame = pd.DataFrame(rows, columns=["region", "oblast", *SUMMARY_COLUMNS[1:]])
    frame = frame.assign(_unknown=frame["region"].eq(UNKNOWN)).sort_values(
        ["_unknown", "documents", "region"], ascending=[True, False, True], kind="stable")
    return frame[columns].reset_index(drop=True)


def _people(value: Any) -> float | None:
    if isinstance(value, Mapping) and value.get("unit") in PEOPLE_UNITS:
        number = _number(value.get("value"))
        return number if number is not None and number <= MAX_PARTICIPANTS else None
    return None


def _kgs(value: Any) -> float | None:
    if isinstance(value, Mapping) and value.get("currency") == "KGS":
        return _number(value.get("value"))
    return None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _per_document(entities: pd.DataFrame, read, combine) -> dict[str, float]:
    values: dict[str, list[float]] = {}
    for doc_id, value in zip(entities["doc_id"], entities["value"]):
        number = read(value)
        if number is not None:
            values.setdefault(doc_id, []).append(number)
    return {doc_id: combine(numbers) for doc_id, numbers in values.items()}


def _unknown_last(frame: pd.DataFrame, by: list[str], ascending: list[bool]) -> pd.DataFrame:
    """Sorted by ``by`` (stable); a ``region`` or ``period`` of ``UNKNOWN`` sorts after the others."""
    keys, directions, flags = [], [], {}
    for column, up in zip(by, ascending):
        if column in ("region", "period"):
            flags[f"_{column}_unknown"] = frame[column].eq(UNKNOWN)
            keys.append(f"_{column}_unknown")
            directions.append(True)
        keys.append(column)
        directions.append(up)
    frame = frame.assign(**flags).sort_values(keys, ascending=directions, kind="stable")
    return frame.drop(columns=list(flags)).reset_index(drop=True)


def _empty(columns: list[str], dtypes: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, "float64" if c in ("share_region",
                         "share_national", "lift") else "object")) for c in columns})


def heatmap(table: pd.DataFrame, path: Any, title: str | None = None) -> None:
    """Draw a ``region_topics`` table (one period) as a PNG heatmap of ``share_region`` at ``path``.

    Rows: regions, most documents first («не указан» last), then all documents together;
    columns: topics, most frequent first; every cell annotated with its share in per cent.
    """
    from matplotlib import rc_context

    if table["period"].nunique() > 1:
        raise ValueError("heatmap draws one period; pass a table made with period=None")
    if table.empty:
        raise ValueError("nothing to draw: the table is empty")
    rows = (table[["region", "region_docs"]].drop_duplicates("region")
            .assign(_unknown=lambda f: f["region"].eq(UNKNOWN))
            .sort_values(["_unknown", "region_docs", "region"], ascending=[True, False, True]))
    columns = (table.groupby("topic", sort=False)["share_national"].first()
               .sort_values(ascending=False, kind="stable").index.tolist())
    grid = table.pivot_table(index="region", columns="topic", values="share_region", aggfunc="first")
    grid = grid.reindex(index=rows["region"], columns=columns).fillna(0.0) * 100
    national = table.groupby("topic")["share_national"].first().reindex(columns) * 100
    grid.loc[NATIONAL] = national.to_numpy()
    n_docs = table.attrs.get("n_docs")
    rows = pd.concat([rows, pd.DataFrame({"region": [NATIONAL], "region_docs": [n_docs or "…"]})])
    with rc_context({"font.family": "DejaVu Sans"}):  # DejaVu Sans has Cyrillic
        _draw(table, grid, rows, columns, path, title)


def _draw(table: pd.DataFrame, grid: pd.DataFrame, rows: pd.DataFrame, columns: list[str],
          path: Any, title: str | None) -> None:
    """The heatmap of ``grid`` (regions × topics, per cent), saved as PNG."""
    from matplotlib.figure import Figure

    lexicon = load_lexicon()
    height, width = grid.shape
    figure = Figure(figsize=(2.0 + 1.05 * width + 0.09 * max(len(r) for r in rows["region"]),
                             1.9 + 0.42 * height), dpi=130)
    axes = figure.add_subplot()
    image = axes.imshow(grid.to_numpy(), cmap="YlGnBu", vmin=0,
                        vmax=max(float(grid.to_numpy().max()), 1.0), aspect="auto")
    limit = image.get_clim()[1]
    for i in range(height):
        for j in range(width):
            value = grid.iat[i, j]
            axes.text(j, i, f"{value:.0f}" if value else "–", ha="center", va="center", fontsize=8.5,
                      color="white" if value > 0.6 * limit else ("#222222" if value else "#9a9a9a"))
    labels = [textwrap.fill(lexicon.label(topic), 14, break_long_words=False) for topic in columns]
    axes.set_xticks(range(width), labels, fontsize=8.5)
    axes.set_yticks(range(height), [f"{r} ({n})" for r, n in zip(rows["region"], rows["region_docs"])],
                    fontsize=9)
    axes.tick_params(axis="x", top=True, bottom=False, labeltop=True, labelbottom=False, length=0)
    axes.tick_params(axis="y", length=0)
    axes.tick_params(which="minor", length=0)
    axes.set_xticks([x - 0.5 for x in range(1, width)], minor=True)
    axes.set_yticks([y - 0.5 for y in range(1, height)], minor=True)
    axes.grid(which="minor", color="white", linewidth=1.5)
    axes.axhline(height - 1.5, color="#444444", linewidth=1.2)  # regions above, all documents below
    for spine in axes.spines.values():
        spine.set_visible(False)
    axes.set_title(title or "Темы по регионам: доля документов региона, %", fontsize=10.5, pad=12,
                   loc="left")
    bar = figure.colorbar(image, ax=axes, fraction=0.03, pad=0.02)
    bar.ax.tick_params(labelsize=8)
    bar.set_label("% документов региона", fontsize=8.5)
    figure.savefig(path, bbox_inches="tight", format="png")
