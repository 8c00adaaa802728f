"""munitext.analyze: DataFrames with declared dtypes, for every kind of input, empty included."""

import pandas as pd
import pytest

import munitext
from munitext.frames import DOCUMENT_SCHEMA, ENTITY_SCHEMA, FACT_SCHEMA, TOKEN_SCHEMA

TEXT = "Депутаты Жогорку Кенеша посетили Сокулукский район. Глава Асанов Бакыт встретил их."


def assert_schemas(result):
    for frame, schema in ((result.documents, DOCUMENT_SCHEMA), (result.tokens, TOKEN_SCHEMA),
                          (result.entities, ENTITY_SCHEMA), (result.facts, FACT_SCHEMA)):
        assert list(frame.columns) == list(schema)
        assert {name: str(dtype) for name, dtype in frame.dtypes.items()} == \
            {name: str(pd.Series(dtype=dtype).dtype) for name, dtype in schema.items()}


def test_list_of_texts():
    result = munitext.analyze([TEXT, "Второй текст."])
    assert_schemas(result)
    assert list(result.documents["doc_id"]) == ["0", "1"]
    assert result.documents.loc[0, "n_sentences"] == 2
    tokens = result.tokens[result.tokens.doc_id == "0"]
    assert list(tokens["text"][:3]) == ["Депутаты", "Жогорку", "Кенеша"]
    assert list(tokens["lemma"][:3]) == ["депутат", "Жогорку", "Кенеш"]
    assert list(tokens["sentence"].unique()) == [0, 1]
    normals = dict(zip(result.entities["text"], result.entities["normal"]))
    assert normals["Жогорку Кенеша"] == "Жогорку Кенеш"


def test_dataframe_with_ids_and_a_bad_row():
    data = pd.DataFrame({"id": ["a", "b"], "text": [TEXT, None]})
    result = munitext.analyze(data)
    assert_schemas(result)
    documents = result.documents.set_index("doc_id")
    assert pd.isna(documents.loc["a", "error"])
    assert "not str" in documents.loc["b", "error"]
    assert set(result.entities["doc_id"]) == {"a"}


def test_series_and_single_string():
    series = pd.Series([TEXT], index=["x"])
    assert list(munitext.analyze(series).documents["doc_id"]) == ["x"]
    assert len(munitext.analyze(TEXT).entities) > 0


@pytest.mark.parametrize("data", [[], [""], ["   \n"]])
def test_empty_inputs_give_typed_empty_frames(data):
    result = munitext.analyze(data)
    assert_schemas(result)
    assert len(result.tokens) == 0 and len(result.entities) == 0 and len(result.facts) == 0
    assert len(result.documents) == len(data)


def test_missing_text_column_is_a_clear_error():
    with pytest.raises(KeyError, match="no column 'text'"):
        munitext.analyze(pd.DataFrame({"body": ["x"]}))


def test_two_processes_give_the_same_frames():
    texts = [TEXT, "Мэрия Бишкека и Кабинет Министров.", "", "Ош"] * 3
    one = munitext.analyze(texts, batch_size=2)
    two = munitext.analyze(texts, n_process=2, batch_size=2)
    pd.testing.assert_frame_equal(one.tokens, two.tokens)
    pd.testing.assert_frame_equal(one.entities, two.entities)


def test_linked_units_carry_their_oblast_and_raion():
    entities = munitext.analyze("Ивановский АА (Чуйская область) и Ленинский район г. Бишкек.").entities
    rows = {row.text: (row.kb_id, row.oblast, row.raion) for row in entities.itertuples()}
    assert rows["Ивановский АА"] == ("41708206812000", "Чуйская область", "Ысык-Атинский район")
    assert rows["Ленинский район"] == ("41711201000000", "Бишкек", "Ленинский район")
    assert rows["Чуйская область"][:2] == ("41708000000000", "Чуйская область")
    assert pd.isna(rows["Чуйская область"][2])


def test_facts_one_row_per_slot():
    facts = munitext.analyze(TEXT).facts
    role = facts[facts.type == "person_role"].set_index("slot")
    assert role["fact"].nunique() == 1
    assert role.loc["person", "text"] == "Асанов Бакыт" and role.loc["position", "text"] == "Глава"
    assert pd.isna(role.loc["position", "entity"]) and not pd.isna(role.loc["person", "entity"])
    person = role.loc["person"]
    assert TEXT[person["slot_start"]:person["slot_end"]] == "Асанов Бакыт"
    assert TEXT[person["start"]:person["end"]] == "Глава Асанов Бакыт встретил их."
