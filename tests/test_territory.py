"""Kyrgyz admin units in text, the gazetteer API, ``doc._.regions`` and the seed article.

tests/data/territory.tsv: id, sentence, text, label, normal, kb_id, layer. The text is
the first whole-word occurrence in the sentence.
- label OBLAST, RAION, AIMAK, SETTLEMENT (or LOC, PER for words that are no unit): a span
  with exactly these characters and this label is in ``doc.ents`` — in
  ``doc.spans["munitext"]`` when layer is ``spans`` (a unit inside an institution's name,
  which wins ``doc.ents``) — with this normal form (ё = е) and kb_id ("" = not decided).
- label ``-``: no admin-unit span overlaps the text, in ``doc.spans["munitext"]`` either.
"""

import csv
from pathlib import Path

import pytest

from munitext.gazetteer import load as load_gazetteer

from .conftest import shared_path
from .tables import folded, where

TABLE = Path(__file__).parent / "data" / "territory.tsv"
SPAN_KEY = "munitext"
ADMIN_LABELS = ("OBLAST", "RAION", "AIMAK", "SETTLEMENT")


def _cases():
    with TABLE.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file, delimiter="\t"):
            yield pytest.param(row["sentence"], row["text"], row["label"], row["normal"],
                               row["kb_id"], row["layer"], id=row["id"])


def _shown(spans) -> list[str]:
    return [f"{s.label_}:{s.text}={s._.normal}/{s.kb_id_}" for s in spans]


@pytest.mark.parametrize(("sentence", "text", "label", "normal", "kb_id", "layer"), list(_cases()))
def test_territory(nlp, sentence, text, label, normal, kb_id, layer):
    start, end = where(sentence, text)
    doc = nlp(sentence)
    if label == "-":
        units = [s for s in doc.spans[SPAN_KEY]
                 if s.label_ in ADMIN_LABELS and s.start_char < end and s.end_char > start]
        assert not units, f"{text!r} in {sentence!r} is no admin unit, found {_shown(units)}"
        return
    pool = list(doc.spans[SPAN_KEY]) if layer == "spans" else list(doc.ents)
    spans = [s for s in pool if (s.start_char, s.end_char, s.label_) == (start, end, label)]
    assert spans, f"no {label} {text!r} in {sentence!r}; found {_shown(pool)}"
    span = spans[0]
    assert (folded(span._.normal or ""), span.kb_id_) == (folded(normal), kb_id), (
        f"{label} {text!r} in {sentence!r}")


# --- the gazetteer API -------------------------------------------------------------------

@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.mark.parametrize(("name", "type_", "codes"), [
    pytest.param("Торт-Кульского", "aiyl_aimak", {"41702220820000"}, id="tort-kul-genitive"),
    pytest.param("Төрт-Кульский", "aiyl_aimak", {"41702220820000"}, id="tort-kul-kyrgyz-letter"),
    pytest.param("Жалал-Абадской", "oblast", {"41703000000000"}, id="zhalal-abad-oblast"),
    pytest.param("Ысык-Көл облусу", "oblast", {"41702000000000"}, id="ysyk-kol-kyrgyz"),
    pytest.param("Чүй облусу", None, {"41708000000000"}, id="chui-kyrgyz"),
    pytest.param("Семёновка", "village", {"41702215825010"}, id="yo-semenovka"),
    pytest.param("Кең-Булуңский", "aiyl_aimak", {"41708206820000"}, id="ng-ken-bulun"),
    pytest.param("Раззаков", None, {"41705236610010"}, id="renamed-isfana"),
    pytest.param("Айтматовский район", "raion", {"41707215000000"}, id="renamed-kara-buura"),
    pytest.param("Ленинский", "aiyl_aimak", {"41703220846000", "41706207830000", "41708203834000"},
                 id="lenin-three-aimaks"),
    pytest.param("Ленинский", "city_district", {"41711201000000"}, id="lenin-bishkek-district"),
    pytest.param("Бишкек", None, {"41711000000000"}, id="bishkek"),
])
def test_lookup(gazetteer, name, type_, codes):
    assert {unit.code for unit in gazetteer.lookup(name, type_)} == codes


@pytest.mark.parametrize(("code", "chain"), [
    pytest.param("41708206812010", ["41708206812000", "41708206000000", "41708000000000"],
                 id="ivanovka-village"),
    pytest.param("41702220820000", ["41702220000000", "41702000000000"], id="tert-kul-aimak"),
    pytest.param("41711201000000", ["41711000000000"], id="bishkek-district"),
])
def test_ancestors(gazetteer, code, chain):
    assert [unit.code for unit in gazetteer.ancestors(code)] == chain


@pytest.mark.parametrize(("code", "oblast"), [
    pytest.param("41703220846000", "41703000000000", id="lenin-suzak"),
    pytest.param("41705236610010", "41705000000000", id="isfana"),
    pytest.param("41711201000000", None, id="bishkek-district-none"),
    pytest.param("41721000000000", None, id="osh-city-none"),
])
def test_oblast_of(gazetteer, code, oblast):
    unit = gazetteer.oblast_of(code)
    assert (unit.code if unit else None) == oblast


@pytest.mark.parametrize(("code", "region"), [
    pytest.param("41711201000000", "41711000000000", id="leninsky"),
    pytest.param("41711202000000", "41711000000000", id="oktyabrsky"),
    pytest.param("41711203000000", "41711000000000", id="pervomaisky"),
    pytest.param("41711204000000", "41711000000000", id="sverdlovsky"),
    pytest.param("41721000000000", "41721000000000", id="osh-city"),
    pytest.param("41708206812010", "41708000000000", id="ivanovka-village"),
])
def test_region_of(gazetteer, code, region):
    assert gazetteer.region_of(code).code == region


@pytest.mark.parametrize(("code", "raion"), [
    pytest.param("41708206812010", "41708206000000", id="ivanovka-village"),
    pytest.param("41711201510010", "41711201000000", id="chon-aryk-in-leninsky"),
])
def test_raion_of(gazetteer, code, raion):
    assert gazetteer.raion_of(code).code == raion


def test_children_and_get(gazetteer):
    assert "41708206812010" in {unit.code for unit in gazetteer.children("41708206812000")}
    assert gazetteer.get("41707215000000").name == "Кара-Бууринский район"
    assert gazetteer.get("41799999999999") is None


# --- doc._.regions -----------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "regions"), [
    pytest.param("Главы айыл окмоту Баткенской и Таласской областей встретились в Бишкеке.",
                 ["Баткенская область", "Таласская область", "Бишкек"], id="oblasts-then-bishkek"),
    pytest.param("В Ленинском районе г. Бишкек открылся новый центр госуслуг.", ["Бишкек"],
                 id="bishkek-district"),
    pytest.param("Из Оша в Ошскую область направили гуманитарную помощь.", ["Ош", "Ошская область"],
                 id="osh-city-and-oblast"),
    pytest.param("В Караколе и Токмоке прошли ярмарки.", ["Иссык-Кульская область", "Чуйская область"],
                 id="cities-of-oblasts"),
    pytest.param("Сотрудники мэрии города Нарын прошли обучение.", ["Нарынская область"],
                 id="unit-inside-institution"),
    pytest.param("Сотрудники Сокулукской РГА провели прием граждан.", ["Чуйская область"],
                 id="raion-inside-institution"),
    pytest.param("Ленинский АА подал заявку на участие в конкурсе.", [], id="ambiguous-contributes-none"),
    pytest.param("В Кыргызстане стартовала муниципальная реформа.", [], id="country-is-no-region"),
])
def test_regions(nlp, sentence, regions):
    assert nlp(sentence)._.regions == regions


# --- the seed article --------------------------------------------------------------------

def test_seed_article(nlp):
    files = sorted(shared_path("data", "seed").glob("*.txt"))
    assert files, "no seed text"
    doc = nlp(files[0].read_text(encoding="utf-8"))
    aimaks = [(s.text, s._.normal, s.kb_id_) for s in doc.ents if s.label_ == "AIMAK"]
    assert aimaks == [
        ("Ивановский АА", "Ивановский айылный аймак", "41708206812000"),
        ("Ленинский АА", "Ленинский айылный аймак", "41703220846000"),
        ("Торт-Кульский АА", "Терт-Кульский айылный аймак", "41702220820000"),
    ]
    gazetteer = load_gazetteer()
    assert [gazetteer.oblast_of(code).name for _, _, code in aimaks] == [
        "Чуйская область", "Джалал-Абадская область", "Иссык-Кульская область"]
    assert doc._.regions[:3] == ["Чуйская область", "Джалал-Абадская область", "Иссык-Кульская область"]
