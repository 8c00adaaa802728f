"""Facts (munitext.facts): one table of sentences per fact type, the record shape, and the seed article."""

import dataclasses
import pickle

import pytest

from munitext.facts import TYPES, Fact, Slot, rules
from munitext.records import document_record

from .conftest import shared_path


def slots_of(doc, kind):
    """The facts of one type as {slot: text}, in text order."""
    return [{name: slot.text for name, slot in fact.slots.items()}
            for fact in doc._.facts if fact.type == kind]


EVENTS = [
    ("15 марта 2023 года в селе Ивановка прошел семинар по бюджету, в нем участвовали около 40 депутатов.",
     [{"event": "семинар", "date": "15 марта 2023 года", "place": "Ивановка",
       "participants": "около 40 депутатов"}]),
    ("Публичные слушания по проекту бюджета прошли в Кара-Балте 2 февраля 2022 года.",
     [{"event": "Публичные слушания", "date": "2 февраля 2022 года", "place": "Кара-Балте"}]),
    ("Тренинг для бухгалтеров айыл окмоту провел Союз МСУ в Нарыне с 10 по 12 мая 2021 года.",
     [{"event": "Тренинг", "date": "с 10 по 12 мая 2021 года", "place": "Нарыне",
       "organizer": "Союз МСУ"}]),
    ("25 ноября 2022 года в Бишкеке прошла конференция, организованная ГАМСУМО.",
     [{"event": "конференция", "date": "25 ноября 2022 года", "place": "Бишкеке", "organizer": "ГАМСУМО"}]),
    ("Депутаты Каракольского городского кенеша на сессии 14 июня 2022 года утвердили бюджет.",
     [{"event": "сессии", "date": "14 июня 2022 года", "organizer": "Каракольского городского кенеша"}]),
    ("В 2021 году выборы депутатов местных кенешей прошли в Баткенской области спокойно.",
     [{"event": "выборы депутатов местных кенешей", "date": "2021 году", "place": "Баткенской области"}]),
    # the second sentence only says who took part: one fact over both
    ("В апреле 2023 года в Токмоке состоялся форум местных сообществ. "
     "В нем приняли участие более 300 человек.",
     [{"event": "форум местных сообществ", "date": "апреле 2023 года", "place": "Токмоке",
       "participants": "более 300 человек"}]),
    # two events in two clauses; an elliptic «следующая»
    ("Первая ярмарка прошла в Оше, а следующая пройдет в Джалал-Абаде в октябре 2023 года.",
     [{"event": "Первая ярмарка", "place": "Оше"},
      {"event": "следующая", "date": "октябре 2023 года", "place": "Джалал-Абаде"}]),
    # a place in a relative clause about something else is not the event's
    ("Жители Таласского района, центр которого — село Кок-Ой, собрались на сход.",
     [{"event": "сход", "place": "Таласского района"}]),
    # no date, place or participants; a report about an event; a requested one
    ("Союз МСУ провел семинар.", []),
    ("Отчет о семинаре в Бишкеке опубликован на сайте.", []),
    ("Жители требуют проведения публичных слушаний.", []),
]


@pytest.mark.parametrize("text, expected", EVENTS, ids=[t[:40] for t, _ in EVENTS])
def test_events(nlp, text, expected):
    assert slots_of(nlp(text), "event") == expected


PERSON_ROLES = [
    ("Глава Сокулукского айыл окмоту Нурлан Асанов рассказал о бюджете.",
     {"person": "Нурлан Асанов", "position": "Глава", "organization": "Сокулукского айыл окмоту"}),
    ("Аким Ат-Башынского района Бакыт Осмонов открыл школу.",
     {"person": "Бакыт Осмонов", "position": "Аким", "territory": "Ат-Башынского района"}),
    ("Депутат Жогорку Кенеша Айгуль Бекова предложила поправки.",
     {"person": "Айгуль Бекова", "position": "Депутат", "organization": "Жогорку Кенеша"}),
    ("Заместитель главы айыл окмоту Эркин Садыков сообщил о ремонте.",
     {"person": "Эркин Садыков", "position": "Заместитель главы айыл окмоту"}),
    ("Бывший глава айыл окмоту Канат Бейшенов обжаловал решение.",
     {"person": "Канат Бейшенов", "position": "Бывший глава айыл окмоту"}),
    ("Фельдшер из села Кызыл-Суу Асель Токтогулова рассказала о новом аппарате.",
     {"person": "Асель Токтогулова", "position": "Фельдшер", "territory": "Кызыл-Суу"}),
    ("Мэр Каракола Эмиль Абдыкадыров пообещал отремонтировать дороги.",
     {"person": "Эмиль Абдыкадыров", "position": "Мэр", "territory": "Каракола"}),
    ("На форуме выступил полпред Президента в Нарынской области Талант Мамытов.",
     {"person": "Талант Мамытов", "position": "полпред Президента", "territory": "Нарынской области"}),
    ("Марат Жумабеков, председатель Кочкорского айылного кенеша, поддержал проект.",
     {"person": "Марат Жумабеков", "position": "председатель",
      "organization": "Кочкорского айылного кенеша"}),
    ("По словам Айбека Токтоматова, который возглавляет айыл окмоту в а/а Кара-Кульджа, "
     "дорогу откроют весной.",
     {"person": "Айбека Токтоматова", "position": "возглавляет айыл окмоту",
      "territory": "а/а Кара-Кульджа"}),
    # «Ее председатель»: the body of the sentence before
    ("Жалобы рассмотрела Нарынская территориальная избирательная комиссия. "
     "Ее председатель Гульнара Осмонова сообщила о результатах.",
     {"person": "Гульнара Осмонова", "position": "председатель",
      "organization": "Нарынская территориальная избирательная комиссия"}),
    # a residence is no position
    ("Жительница села Ак-Суу Нургуль Аманова пожаловалась на мусор.", None),
]


@pytest.mark.parametrize("text, expected", PERSON_ROLES, ids=[t[:40] for t, _ in PERSON_ROLES])
def test_person_roles(nlp, text, expected):
    assert slots_of(nlp(text), "person_role") == ([expected] if expected else [])


MONEY_FLOWS = [
    ("Кабинет Министров выделил 12 млн сомов на ремонт моста через реку Нарын.",
     [{"amount": "12 млн сомов", "payer": "Кабинет Министров", "purpose": "ремонт моста"}]),
    ("В 2023 году Бишкекский городской кенеш направил 4,2 млн сомов на благоустройство парков.",
     [{"amount": "4,2 млн сомов", "payer": "Бишкекский городской кенеш",
       "purpose": "благоустройство парков", "date": "2023 году"}]),
    ("Ремонт школы обошелся в 3,5 млн сомов.",
     [{"amount": "3,5 млн сомов", "purpose": "Ремонт школы"}]),
    ("Проект стоимостью 2,1 млн долларов США финансирует Всемирный банк.",
     [{"amount": "2,1 млн долларов США", "payer": "Всемирный банк", "purpose": "Проект"}]),
    ("Бюджет Ивановского айыл окмоту на 2024 год составит 45,3 млн сомов.",
     [{"amount": "45,3 млн сомов", "recipient": "Ивановского айыл окмоту", "date": "2024 год"}]),
    ("Больше всех получил Ак-Суйский район — 18,7 млн сомов.",
     [{"amount": "18,7 млн сомов", "recipient": "Ак-Суйский район"}]),
    # each sum keeps the payer nearest to it; the purpose is shared
    ("Стоимость проекта – 1,2 млн евро, из них 800 тыс. евро предоставит Европейский союз.",
     [{"amount": "1,2 млн евро", "purpose": "проекта"},
      {"amount": "800 тыс. евро", "payer": "Европейский союз", "purpose": "проекта"}]),
    ("Детский сад обошелся в 30 млн сомов, из которых 10 млн сомов добавил Фонд Ага Хана.",
     [{"amount": "30 млн сомов", "purpose": "Детский сад"},
      {"amount": "10 млн сомов", "payer": "Фонд Ага Хана", "purpose": "Детский сад"}]),
    ("Школа построена на средства Азиатского банка развития, ее стоимость – 60 млн сомов.",
     [{"amount": "60 млн сомов", "payer": "Азиатского банка развития", "purpose": "Школа"}]),
    ("Семинар профинансировал ПРООН; его бюджет составил 15 тыс. долларов США.",
     [{"amount": "15 тыс. долларов США", "payer": "ПРООН", "purpose": "Семинар"}]),
    ("Плата за пастбищные билеты принесла бюджету аймака 2,3 млн сомов.",
     [{"amount": "2,3 млн сомов", "purpose": "пастбищные билеты"}]),
    ("Новый устав ввел штраф до 10 000 сомов за незаконный выпас скота.",
     [{"amount": "10 000 сомов", "purpose": "незаконный выпас скота"}]),
    # a rate is no purpose, and a sum with nothing else is no fact
    ("Тариф на воду составит 20 сомов за кубометр.", []),
]


@pytest.mark.parametrize("text, expected", MONEY_FLOWS, ids=[t[:40] for t, _ in MONEY_FLOWS])
def test_money_flows(nlp, text, expected):
    assert slots_of(nlp(text), "money_flow") == expected


QUANTITIES = [
    ("В Кочкорском районе работают 12 детских садов.",
     [{"count": "12 детских садов", "place": "Кочкорском районе"}]),
    ("В 2022 году в Таласской области открыли 15 новых ФАПов.",
     [{"count": "15 новых ФАПов", "place": "Таласской области", "date": "2022 году"}]),
    ("Аудиторы проверили 12 муниципалитетов Таласской области.",
     [{"count": "12 муниципалитетов", "place": "Таласской области"}]),
    ("До Бишкека отсюда около 120 км.", [{"count": "около 120 км", "place": "Бишкека"}]),
    ("В селе Баетово живут более 3 тыс. человек.",
     [{"count": "более 3 тыс. человек", "place": "Баетово"}]),
    # each clause its own place; the date of the sentence
    ("В 2021 году в Узгене посадили 2 тыс. деревьев, а в Кара-Суу — 1500 деревьев.",
     [{"count": "2 тыс. деревьев", "place": "Узгене", "date": "2021 году"},
      {"count": "1500 деревьев", "place": "Кара-Суу", "date": "2021 году"}]),
    # a date only compared with is not the count's
    ("В Баткенской области проголосовали 38 % избирателей, больше, чем в 2020 году.",
     [{"count": "38 %", "place": "Баткенской области"}]),
    # «за два года»: a period the other count holds for
    ("За два года в районе построили 14 школ.", [{"count": "14 школ"}]),
    # an attribute of people, a duration with a date only, the participants of an event
    ("В Нарыне жители старше 70 лет получат надбавку.", []),
    ("В 2023 году ремонт длился три месяца.", []),
    ("В Оше прошла встреча, в ней участвовали 50 человек.", []),
]


@pytest.mark.parametrize("text, expected", QUANTITIES, ids=[t[:40] for t, _ in QUANTITIES])
def test_quantities(nlp, text, expected):
    assert slots_of(nlp(text), "quantity") == expected


PLACEMENTS = [
    ("Лучшим стал Ивановский АА (Чуйская область).",
     [{"unit": "Ивановский АА", "parent": "Чуйская область"}]),
    ("Совещание прошло в Сокулукском районе Чуйской области.",
     [{"unit": "Сокулукском районе", "parent": "Чуйской области"}]),
    ("Проект охватит Ак-Суйский и Тонский районы Иссык-Кульской области.",
     [{"unit": "Ак-Суйский", "parent": "Иссык-Кульской области"},
      {"unit": "Тонский районы", "parent": "Иссык-Кульской области"}]),
    ("Поселок Чон-Арык входит в Ленинский район Бишкека.",
     [{"unit": "Чон-Арык", "parent": "Ленинский район"},
      {"unit": "Ленинский район", "parent": "Бишкека"}]),
    ("Школу построят в Кулатовском АА, в селе Коджо-Арык.",
     [{"unit": "Коджо-Арык", "parent": "Кулатовском АА"}]),
    ("Жители Таласского района, центр которого — село Кок-Ой, собрались на сход.",
     [{"unit": "Кок-Ой", "parent": "Таласского района"}]),
    ("В Кочкорском районе есть Кочкорский айылный аймак.",
     [{"unit": "Кочкорский айылный аймак", "parent": "Кочкорском районе"}]),
    # a locative that frames the clause places nothing
    ("В Нарынской области лучшим стал Чолпонский АА.", []),
]


@pytest.mark.parametrize("text, expected", PLACEMENTS, ids=[t[:40] for t, _ in PLACEMENTS])
def test_placements(nlp, text, expected):
    assert slots_of(nlp(text), "located_in") == expected


@pytest.mark.parametrize("text, consistent", [
    ("Лучшим стал Ивановский АА (Чуйская область).", True),
    ("Грант получил Ивановский АА (Нарынская область).", False),  # kept, flagged
])
def test_placement_flags_what_the_gazetteer_says(nlp, text, consistent):
    [fact] = [f for f in nlp(text)._.facts if f.type == "located_in"]
    assert fact.slots["parent"].value == {"consistent": consistent}


TEXT = ("12 апреля 2023 года в Ивановском АА (Чуйская область) прошла сессия, в ней участвовали "
        "около 60 человек. Глава айыл окмоту Бакыт Асанов сообщил, что Кабинет Министров выделил "
        "5 млн сомов на ремонт дороги.")


def test_slots_point_at_the_text_and_the_entities(nlp):
    doc = nlp(TEXT)
    assert {fact.type for fact in doc._.facts} == set(TYPES) - {"quantity"}
    for fact in doc._.facts:
        assert fact.start <= min(s.start for s in fact.slots.values())
        assert max(s.end for s in fact.slots.values()) <= fact.end
        for slot in fact.slots.values():
            assert doc.text[slot.start:slot.end] == slot.text
            if slot.entity is not None:
                span = doc.ents[slot.entity]
                assert (span.start_char, span.end_char) == (slot.start, slot.end)
                assert slot.normal == span._.normal
    date = next(f for f in doc._.facts if f.type == "event").slots["date"]
    assert date.value == {"start": "2023-04-12", "end": "2023-04-12"}


def test_output_record_has_the_evaluated_shape(nlp):
    record = document_record("d1", nlp(TEXT))
    assert record["facts"]
    for fact in record["facts"]:
        assert set(fact) == {"type", "start", "end", "slots"}
        for slot in fact["slots"].values():
            assert set(slot) == {"text", "start", "end", "entity", "normal", "kb_id", "value"}
    assert document_record("d2", None, error="boom")["facts"] == []


def test_records_are_frozen_typed_and_picklable(nlp):
    fact = nlp(TEXT)._.facts[0]
    assert isinstance(fact, Fact) and all(isinstance(s, Slot) for s in fact.slots.values())
    with pytest.raises(dataclasses.FrozenInstanceError):
        fact.type = "quantity"
    assert pickle.loads(pickle.dumps(fact)) == fact
    assert Fact.from_dict(fact.to_dict()) == fact
    assert repr(fact).startswith("Fact(event ") and "date='12 апреля 2023 года'" in repr(fact)


def test_facts_cross_processes(nlp):
    texts = [TEXT, "Ош и Нарын.", ""] * 2
    assert [d._.facts for d in nlp.pipe(texts, n_process=2, batch_size=2)] == \
        [d._.facts for d in nlp.pipe(texts)]


def test_rules_load_every_list():
    r = rules()
    assert "семинар" in r.event_nouns and "глава" in r.person_positions
    assert ("входить", "в") in r.located_in_membership
    assert r.money_payer_noun_prepositions["бюджет"] == frozenset({"из"})


def test_seed_article(nlp):
    seed = shared_path("data", "seed")
    [path] = sorted(seed.glob("*.txt"))
    facts = nlp(path.read_text(encoding="utf-8"))._.facts
    session = [f for f in facts if f.type == "event" and "participants" in f.slots]
    assert any(f.slots["event"].text == "Национальную планировочную сессию"
               and f.slots["date"].value["start"] == "2012-01-31"
               and f.slots["participants"].text == "около 60 человек" for f in session)
    counts = {f.slots["count"].text for f in facts if f.type == "quantity"}
    assert {"более 90 мероприятий", "более 2700 человек"} <= counts
    placed = {(f.slots["unit"].normal, f.slots["parent"].normal, f.slots["parent"].value["consistent"])
              for f in facts if f.type == "located_in"}
    assert {("Ивановский айылный аймак", "Чуйская область", True),
            ("Ленинский айылный аймак", "Джалал-Абадская область", True),
            ("Терт-Кульский айылный аймак", "Иссык-Кульская область", True)} <= placed
