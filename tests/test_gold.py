"""corpora/gold/build.py: the `# fact:` headers, and the committed gold.jsonl against its sources."""

import importlib.util
import json

import pytest

from .conftest import ROOT

GOLD_DIR = ROOT / "corpora" / "gold"


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("gold_build", GOLD_DIR / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HEADER = "# topics: training_experience\n# regions: Чуйская область\n"
TEXT = ("[[31 января 2012 года|DATE|31 января 2012 года||"
        '{"start": "2012-01-31", "end": "2012-01-31"}]] в селе [[Ивановка|SETTLEMENT|Ивановка]] '
        "[[Ивановского АА|AIMAK|Ивановский айылный аймак]] прошел семинар, пришли "
        '[[около 60 человек|COUNT|60 человек||{"value": 60, "unit": "человек", '
        '"qualifier": "approx"}]]. Глава [[Бакыт Асанов|PER|Бакыт Асанов]] открыл семинар.\n'
        "Глава [[Айгуль Садыкова|PER|Айгуль Садыкова]] открыла семинар.")
PLAIN_FIRST = ("31 января 2012 года в селе Ивановка Ивановского АА прошел семинар, пришли "
               "около 60 человек.")


def fact_line(**fact):
    return "# fact: " + json.dumps(fact, ensure_ascii=False) + "\n"


def parse(build, *facts):
    return build.parse_document(HEADER + "".join(facts) + TEXT, name="src/g999.txt")


def test_fact_resolves_to_offsets_and_entities(build):
    record = parse(build, fact_line(type="event", anchor=PLAIN_FIRST, slots={
        "event": "семинар", "date": "31 января 2012 года", "place": "Ивановка",
        "participants": "около 60 человек"}),
        fact_line(type="located_in", anchor=PLAIN_FIRST,
                  slots={"unit": "Ивановка", "parent": "Ивановского АА"}))
    text = record["text"]
    event, located = record["facts"]
    assert (event["type"], event["start"], event["end"]) == ("event", 0, len(PLAIN_FIRST))
    assert list(event["slots"]) == ["event", "date", "place", "participants"]
    for f in record["facts"]:
        for value in f["slots"].values():
            assert text[value["start"]:value["end"]] == value["text"]
            assert f["start"] <= value["start"] < value["end"] <= f["end"]
            if value["entity"] is not None:
                entity = record["entities"][value["entity"]]
                assert (entity["start"], entity["end"]) == (value["start"], value["end"])
    assert event["slots"]["event"]["entity"] is None
    assert record["entities"][event["slots"]["date"]["entity"]]["label"] == "DATE"
    assert located["slots"]["parent"]["text"] == "Ивановского АА"


def test_occurrences_of_anchor_and_slot(build):
    anchor = "Глава Айгуль Садыкова открыла семинар."
    record = parse(build, fact_line(type="person_role", anchor=anchor,
                                    slots={"person": "Айгуль Садыкова", "position": "Глава"}))
    assert record["text"][record["facts"][0]["start"]:].startswith(anchor)
    # "семинар" occurs twice in the first line: the occurrence says which
    line = PLAIN_FIRST + " Глава Бакыт Асанов открыл семинар."
    record = parse(build, fact_line(type="event", anchor=line,
                                    slots={"event": {"text": "семинар", "occurrence": 2}}))
    assert record["facts"][0]["slots"]["event"]["start"] == line.rindex("семинар")
    record = parse(build, fact_line(type="event", anchor="семинар", occurrence=3,
                                    slots={"event": "семинар"}))
    assert record["facts"][0]["start"] == record["text"].rindex("семинар")


@pytest.mark.parametrize(("fact", "message"), [
    ("{not json", "fact is not valid JSON"),
    ('["event"]', "must be a JSON object"),
    ('{"type": "meeting", "anchor": "семинар", "slots": {}}', "unknown fact type 'meeting'"),
    ('{"type": "event", "anchor": "прошел семинар", "slots": {"event": "семинар", "when": "x"}}',
     "unknown slot 'when'"),
    ('{"type": "event", "anchor": "прошел семинар", "slots": {"date": "31 января 2012 года"}}',
     "needs its slot 'event'"),
    ('{"type": "event", "anchor": "прошел семинар", "slots": {"event": "семинар"}, "note": 1}',
     "unknown fact key"),
    ('{"type": "event", "anchor": "прошла сессия", "slots": {"event": "сессия"}}',
     "anchor is not in the text"),
    ('{"type": "event", "anchor": "семинар", "slots": {"event": "семинар"}}', "occurs 3 times"),
    ('{"type": "event", "anchor": "прошел семинар", "slots": {"event": "семинар", '
     '"date": "31 января 2012 года"}}', "not inside the anchor"),
    ('{"type": "event", "anchor": "прошел семинар", "slots": {"event": "семин"}}',
     "not inside the anchor"),
    ('{"type": "event", "anchor": "' + PLAIN_FIRST + '", "slots": {"event": "семинар", '
     '"place": "селе Ивановка"}}', "must be exactly an annotated entity"),
    ('{"type": "event", "anchor": "' + PLAIN_FIRST + '", "slots": {"event": "семинар", '
     '"participants": "31 января 2012 года"}}', "is a DATE entity; expected COUNT"),
    ('{"type": "event", "anchor": "' + PLAIN_FIRST + '", "occurrence": 0, '
     '"slots": {"event": "семинар"}}', "occurrence must be a positive integer"),
])
def test_bad_facts_fail_with_file_and_line(build, fact, message):
    with pytest.raises(build.GoldError) as error:
        parse(build, fact_line(type="event", anchor=PLAIN_FIRST, slots={"event": "семинар"}),
              "# fact: " + fact + "\n")
    assert str(error.value).startswith("src/g999.txt:4:1: ")
    assert message in str(error.value)


def test_the_same_fact_twice_fails(build):
    line = fact_line(type="event", anchor=PLAIN_FIRST, slots={"event": "семинар"})
    with pytest.raises(build.GoldError, match="the same fact as on line 3"):
        parse(build, line, line)


@pytest.mark.skipif(not (GOLD_DIR / "gold.jsonl").exists(), reason="gold.jsonl not built")
def test_gold_jsonl_is_built_from_the_sources(build):
    """The committed gold.jsonl is what build.py makes of src/ (facts included)."""
    built = build.build(write=False)
    committed = [json.loads(line) for line in
                 (GOLD_DIR / "gold.jsonl").read_text("utf-8").splitlines() if line.strip()]
    assert built == committed
    assert all(record["facts"] for record in built)
