"""Per-region statistics on a hand-built corpus with known counts, and `munitext stats` end to end."""

import json
import math

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from munitext import stats
from munitext.cli import app
from munitext.frames import DOCUMENT_SCHEMA, ENTITY_SCHEMA, TOKEN_SCHEMA, Analysis, frame, placement

IVANOVKA = "41708206812000"  # Ивановский айылный аймак, Ысык-Атинский район, Чуйская область
GAVRILOVKA = "41708222817000"  # Гавриловский айылный аймак, Сокулукский район, Чуйская область
TERT_KUL = "41702220820000"  # Терт-Кульский айылный аймак, Тонский район, Иссык-Кульская область
CHUI, ISSYK_KUL = "Чуйская область", "Иссык-Кульская область"


def entity(label, kb_id="", normal=None, value=None):
    return {"start": 0, "end": 1, "label": label, "text": "x", "normal": normal, "kb_id": kb_id,
            "value": value}


def topics(*ids):
    return [{"topic": topic, "score": 0.5} for topic in ids]


RECORDS = [
    {"id": "a", "meta": {"date": "2023-05-01"}, "regions": [CHUI], "error": None,
     "topics": topics("budget_finance", "elections"),
     "entities": [entity("AIMAK", IVANOVKA), entity("AIMAK", IVANOVKA), entity("AIMAK", GAVRILOVKA),
                  entity("INSTITUTION", normal="Ивановский айыл окмоту", value={"kind": "ao"}),
                  entity("COUNT", value={"value": 60, "unit": "человек", "qualifier": "approx"}),
                  entity("COUNT", value={"value": 20, "unit": "участник", "qualifier": "exact"}),
                  entity("COUNT", value={"value": 70000, "unit": "человек", "qualifier": "exact"}),
                  entity("COUNT", value={"value": 9, "unit": "район", "qualifier": "exact"}),
                  entity("MONEY", value={"value": 1000.0, "currency": "KGS"}),
                  entity("MONEY", value={"value": 1000.0, "currency": "KGS"}),
                  entity("MONEY", value={"value": 500.0, "currency": "USD"})]},
    {"id": "b", "meta": {"date": "2024-02-10"}, "regions": [CHUI, ISSYK_KUL], "error": None,
     "topics": topics("budget_finance"),
     "entities": [entity("AIMAK", TERT_KUL),
                  entity("INSTITUTION", normal="Ивановский айыл окмоту", value={"kind": "ao"}),
                  entity("INSTITUTION", normal="Министерство финансов", value={"kind": "ministry"}),
                  entity("COUNT", value={"value": 15, "unit": "житель", "qualifier": "exact"}),
                  entity("MONEY", value={"value": 250.5, "currency": "KGS"})]},
    {"id": "c", "meta": {"date": "2024"}, "regions": [ISSYK_KUL], "error": None,
     "topics": topics("infrastructure_water"), "entities": [entity("AIMAK", TERT_KUL)]},
    {"id": "d", "meta": {}, "regions": [], "error": None, "topics": topics("elections"), "entities": []},
    {"id": "e", "meta": {}, "regions": [], "error": None, "topics": [], "entities": []},
]


def analysis_of(records) -> Analysis:
    """The same documents as an Analysis (what munitext.analyze returns)."""
    documents = [(r["id"], 10, 1, 1, len(r["entities"]), r["regions"], r["topics"], r["meta"], None)
                 for r in records]
    entities = [(r["id"], e["start"], e["end"], e["label"], e["text"], e["normal"], e["kb_id"],
                 *placement(e["kb_id"]), e["value"]) for r in records for e in r["entities"]]
    return Analysis(frame(documents, DOCUMENT_SCHEMA), frame([], TOKEN_SCHEMA),
                    frame(entities, ENTITY_SCHEMA))


def row(table, region, topic, period="all"):
    found = table[(table.region == region) & (table.topic == topic) & (table.period == period)]
    assert len(found) == 1
    return found.iloc[0]


def test_region_topics_known_counts():
    table = stats.region_topics(RECORDS)
    assert list(table.columns) == stats.TOPIC_COLUMNS
    assert list(table.region.unique()) == [ISSYK_KUL, CHUI, stats.UNKNOWN]  # «не указан» last
    assert len(table) == 3 * 10 and set(table.period) == {"all"}
    assert table.attrs["n_docs"] == 5
    budget = row(table, CHUI, "budget_finance")
    assert (budget.n_docs, budget.region_docs, budget.share_region) == (2, 2, 1.0)
    assert budget.share_national == pytest.approx(0.4) and budget.lift == pytest.approx(2.5)
    assert row(table, ISSYK_KUL, "budget_finance").share_region == pytest.approx(0.5)
    water = row(table, ISSYK_KUL, "infrastructure_water")
    assert (water.n_docs, water.share_national, water.lift) == (1, 0.2, 2.5)
    unknown = row(table, stats.UNKNOWN, "elections")  # documents without a region are kept
    assert (unknown.n_docs, unknown.region_docs, unknown.share_region) == (1, 2, 0.5)
    assert row(table, CHUI, "land_pastures").n_docs == 0  # zeros are rows too
    assert math.isnan(row(table, CHUI, "land_pastures").lift)


def test_records_and_analysis_give_the_same_tables():
    result = analysis_of(RECORDS)
    for level in stats.LEVELS:
        pd.testing.assert_frame_equal(stats.region_topics(result, level=level, period="year"),
                                      stats.region_topics(RECORDS, level=level, period="year"))
        pd.testing.assert_frame_equal(stats.region_summary(result, level=level),
                                      stats.region_summary(RECORDS, level=level))


def test_periods():
    by_year = stats.region_topics(RECORDS, period="year")
    assert list(by_year.period.unique()) == ["2023", "2024", stats.UNKNOWN]
    budget = row(by_year, CHUI, "budget_finance", "2024")
    assert (budget.n_docs, budget.region_docs, budget.share_national) == (1, 1, 0.5)  # of 2024's 2
    assert row(by_year, ISSYK_KUL, "infrastructure_water", "2024").n_docs == 1
    by_month = stats.region_topics(RECORDS, period="month")
    assert list(by_month.period.unique()) == ["2023-05", "2024-02", stats.UNKNOWN]  # «2024» has no month
    assert row(by_month, ISSYK_KUL, "infrastructure_water", stats.UNKNOWN).n_docs == 1
    assert stats.period_of("2022-11-30", "month") == "2022-11"
    assert stats.period_of(None, "year") == stats.UNKNOWN
    assert stats.period_of("2022-11-30", None) == stats.ALL


def test_raion_level():
    table = stats.region_topics(RECORDS, level="raion")
    assert list(table.columns[:2]) == ["region", "oblast"]
    raions = table.drop_duplicates("region").set_index("region")
    assert raions.loc["Ысык-Атинский район", "oblast"] == CHUI
    assert raions.loc["Тонский район", "region_docs"] == 2
    assert raions.loc[stats.UNKNOWN, "region_docs"] == 2  # d and e name no raion
    assert row(table, "Сокулукский район", "elections").n_docs == 1


def test_region_summary_known_counts():
    summary = stats.region_summary(RECORDS).set_index("region")
    assert list(summary.columns) == stats.SUMMARY_COLUMNS[1:]
    assert list(summary.index) == [ISSYK_KUL, CHUI, stats.UNKNOWN]  # by documents, then name
    chui = summary.loc[CHUI]
    assert (chui.documents, chui.municipalities) == (2, 2)  # Ивановский and Гавриловский, once each
    assert chui.top_institutions == "Ивановский айыл окмоту (2); Министерство финансов (1)"
    assert chui.participants == 60 + 15  # per document the largest count of people; 70 000 is a population
    assert chui.money_kgs == pytest.approx(1000 + 250.5)  # KGS only, a repeated sum once
    issyk_kul = summary.loc[ISSYK_KUL]
    assert (issyk_kul.documents, issyk_kul.municipalities, issyk_kul.participants) == (2, 1, 15)
    unknown = summary.loc[stats.UNKNOWN]
    assert (unknown.documents, unknown.municipalities, unknown.money_kgs, unknown.top_institutions) == \
        (2, 0, 0.0, "")


def test_empty_input():
    for result in ([], analysis_of([])):
        table = stats.region_topics(result, period="month")
        assert table.empty and list(table.columns) == stats.TOPIC_COLUMNS
        summary = stats.region_summary(result, level="raion")
        assert summary.empty and list(summary.columns) == ["region", "oblast", *stats.SUMMARY_COLUMNS[1:]]


def test_only_documents_without_region_or_topic():
    table = stats.region_topics([{"id": "x", "regions": [], "topics": [], "entities": []}])
    assert set(table.region) == {stats.UNKNOWN} and table.n_docs.sum() == 0
    assert set(table.region_docs) == {1}


def test_bad_arguments():
    with pytest.raises(ValueError, match="level"):
        stats.region_topics(RECORDS, level="village")
    with pytest.raises(ValueError, match="period"):
        stats.region_topics(RECORDS, period="week")


def test_heatmap_is_a_png(tmp_path):
    path = tmp_path / "map.png"
    stats.heatmap(stats.region_topics(RECORDS), path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ValueError, match="one period"):
        stats.heatmap(stats.region_topics(RECORDS, period="year"), tmp_path / "x.png")


# munitext stats


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def run(*args):
    result = CliRunner().invoke(app, ["stats", *args])
    return result.exit_code, result.output


def test_cli_csv_and_parquet_with_plot(tmp_path):
    first = write_jsonl(tmp_path / "one.jsonl", RECORDS[:3])
    second = write_jsonl(tmp_path / "two.jsonl", RECORDS[3:])
    csv, plot = tmp_path / "out" / "stats.csv", tmp_path / "heatmap.png"
    code, output = run(str(first), str(second), "--out", str(csv), "--plot", str(plot))
    assert code == 0, output
    table = pd.read_csv(csv)
    assert list(table.columns) == stats.TOPIC_COLUMNS and len(table) == 30
    assert set(table.region) == {CHUI, ISSYK_KUL, stats.UNKNOWN}
    assert table[(table.region == CHUI) & (table.topic == "budget_finance")].n_docs.item() == 2
    assert plot.read_bytes()[:4] == b"\x89PNG"
    parquet = tmp_path / "stats.parquet"
    code, output = run(str(first), str(second), "--out", str(parquet), "--level", "raion",
                       "--period", "year")
    assert code == 0, output
    read = pq.read_table(parquet).to_pandas()
    assert list(read.columns) == ["region", "oblast", *stats.TOPIC_COLUMNS[1:]]
    assert set(read.period) == {"2023", "2024", stats.UNKNOWN}
    assert read.n_docs.sum() == stats.region_topics(RECORDS, level="raion", period="year").n_docs.sum()


def test_cli_errors(tmp_path):
    good = write_jsonl(tmp_path / "ok.jsonl", RECORDS)
    code, output = run(str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "s.csv"))
    assert code == 2 and "no such file" in output
    code, output = run(str(good), "--out", str(tmp_path / "s.xlsx"))
    assert code == 2 and ".csv or .parquet" in output
    code, output = run(str(good), "--out", str(tmp_path / "s.csv"), "--plot", str(tmp_path / "p.jpg"))
    assert code == 2 and ".png" in output
    code, output = run(str(good), "--out", str(tmp_path / "s.csv"), "--level", "village")
    assert code == 2
    assert not (tmp_path / "s.csv").exists()


def test_cli_help_explains_every_option():
    code, output = run("--help")
    assert code == 0
    for option in ("--out", "--level", "--period", "--plot"):
        assert option in output
