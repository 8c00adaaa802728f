"""Relative DATE (``munitext_relative_dates``): spans, what they say, and their resolution against
the publication date or the text's last date. 2023-05-12 is a Friday."""

import pytest

from munitext.entities.relative import Relative, parse_anchor, resolve

from .tables import dated

FRIDAY = "2023-05-12"


def rel(unit, offset, to="publication", **more):
    return {"unit": unit, "offset": offset, "to": to} | more


def v(start, end, relative, anchor="meta"):
    return {"start": start, "end": end or start, "relative": relative, "anchor": anchor}


def open_(relative):
    """The value of an expression nothing resolves."""
    return {"start": None, "end": None, "relative": relative}


# sentence, publication date, span, value
CASES = [
    # days named from the publication date
    ("Вчера в айыл окмоту прошло собрание.", FRIDAY, "Вчера", v("2023-05-11", None, rel("day", -1))),
    ("Сегодня кенеш утвердил бюджет.", FRIDAY, "Сегодня", v("2023-05-12", None, rel("day", 0))),
    ("Завтра начнется сход.", FRIDAY, "Завтра", v("2023-05-13", None, rel("day", 1))),
    ("Позавчера прошла сессия.", FRIDAY, "Позавчера", v("2023-05-10", None, rel("day", -2))),
    ("Послезавтра откроют школу.", FRIDAY, "Послезавтра", v("2023-05-14", None, rel("day", 2))),
    ("На сегодняшний день в аймаке пять сел.", FRIDAY, "сегодняшний день",
     v("2023-05-12", None, rel("day", 0))),
    ("С завтрашнего дня вводят новый тариф.", FRIDAY, "завтрашнего дня",
     v("2023-05-13", None, rel("day", 1))),
    ("Вчера прошел сход.", None, "Вчера", open_(rel("day", -1))),
    ("На днях глава подписал распоряжение.", FRIDAY, "На днях", open_(rel("day", None))),
    # weekdays: the tense of the nearest verb decides the direction
    ("В четверг депутаты утвердили бюджет.", FRIDAY, "четверг",
     v("2023-05-11", None, rel("weekday", None, weekday=4))),
    ("В четверг депутаты рассмотрят бюджет.", FRIDAY, "четверг",
     v("2023-05-18", None, rel("weekday", None, weekday=4))),
    ("В пятницу прошел сход.", FRIDAY, "пятницу", v("2023-05-12", None, rel("weekday", None, weekday=5))),
    ("В понедельник состоится сессия.", FRIDAY, "понедельник",
     v("2023-05-15", None, rel("weekday", None, weekday=1))),
    ("Во вторник глава встретился с жителями.", FRIDAY, "вторник",
     v("2023-05-09", None, rel("weekday", None, weekday=2))),
    ("В среду прошла сессия кенеша.", FRIDAY, "среду",
     v("2023-05-10", None, rel("weekday", None, weekday=3))),
    ("В воскресенье в селе прошел праздник.", FRIDAY, "воскресенье",
     v("2023-05-07", None, rel("weekday", None, weekday=7))),
    ("В субботу жители выйдут на ашар.", FRIDAY, "субботу",
     v("2023-05-13", None, rel("weekday", None, weekday=6))),
    ("В прошлую пятницу прошел сход.", FRIDAY, "прошлую пятницу",
     v("2023-05-05", None, rel("weekday", -1, weekday=5))),
    ("В минувшую среду аким провел прием.", FRIDAY, "минувшую среду",
     v("2023-05-10", None, rel("weekday", -1, weekday=3))),
    ("В следующий вторник начнется прием заявок.", FRIDAY, "следующий вторник",
     v("2023-05-16", None, rel("weekday", 1, weekday=2))),
    ("В выходные прошел сход.", FRIDAY, "выходные", v("2023-05-06", "2023-05-07", rel("weekend", None))),
    ("В четверг депутаты рассмотрят бюджет.", None, "четверг", open_(rel("weekday", None, weekday=4))),
    # calendar units around the publication date
    ("В прошлом году урожай упал.", FRIDAY, "прошлом году", v("2022", None, rel("year", -1))),
    ("В этом году бюджет вырос.", FRIDAY, "этом году", v("2023", None, rel("year", 0))),
    ("В следующем году построят мост.", FRIDAY, "следующем году", v("2024", None, rel("year", 1))),
    ("В позапрошлом году прошли выборы.", FRIDAY, "позапрошлом году", v("2021", None, rel("year", -2))),
    ("Итоги текущего года подведут в декабре.", FRIDAY, "текущего года", v("2023", None, rel("year", 0))),
    ("На этой неделе мэрия опубликовала отчет.", FRIDAY, "этой неделе",
     v("2023-05-08", "2023-05-14", rel("week", 0))),
    ("На прошлой неделе прошел сход.", FRIDAY, "прошлой неделе",
     v("2023-05-01", "2023-05-07", rel("week", -1))),
    ("В прошлом месяце кенеш принял решение.", FRIDAY, "прошлом месяце",
     v("2023-04", None, rel("month", -1))),
    ("В следующем месяце начнется ремонт.", FRIDAY, "следующем месяце", v("2023-06", None, rel("month", 1))),
    ("Премьера планируется в следующем мае.", FRIDAY, "следующем мае",
     v("2024-05", None, rel("year", 1, month=5))),
    ("В прошлом году урожай упал.", None, "прошлом году", open_(rel("year", -1))),
    # a number of units back from the publication date
    ("Два месяца назад кенеш принял решение.", FRIDAY, "Два месяца назад",
     v("2023-03", None, rel("month", -2))),
    ("Три года тому назад здесь не было дороги.", FRIDAY, "Три года тому назад",
     v("2020", None, rel("year", -3))),
    ("Неделю назад прошел сход.", FRIDAY, "Неделю назад", v("2023-05-05", None, rel("week", -1))),
    ("Пять дней назад в селе прошел сель.", FRIDAY, "Пять дней назад", v("2023-05-07", None, rel("day", -5))),
    ("Год назад школу отремонтировали.", FRIDAY, "Год назад", v("2022", None, rel("year", -1))),
    ("Несколько дней назад прошел сход.", FRIDAY, "Несколько дней назад", open_(rel("day", None))),
    ("За последние 10 лет бюджет вырос вдвое.", FRIDAY, "последние 10 лет",
     v("2013", "2023", rel("year", -10, period=True))),
    ("В ближайшие два месяца построят школу.", FRIDAY, "ближайшие два месяца",
     v("2023-05", "2023-07", rel("month", 2, period=True))),
    ("Это не первое переименование последних лет.", FRIDAY, "последних лет", open_(rel("year", None))),
    # from the last date of the text
    ("Школу открыли 5 мая 2020 года. На следующий день прошел сход.", None, "следующий день",
     v("2020-05-06", None, rel("day", 1, "context"), "context")),
    ("Сход прошел 3 марта 2021 года, в тот же день кенеш утвердил план.", None, "тот же день",
     v("2021-03-03", None, rel("day", 0, "context"), "context")),
    ("Мост построили в 2019 году. В том же году открыли школу.", None, "том же году",
     v("2019", None, rel("year", 0, "context"), "context")),
    ("Доходы выросли на 8 % в 2023 году, чем годом раньше.", None, "годом раньше",
     v("2022", None, rel("year", -1, "context"), "context")),
    ("Он стал чемпионом в 1988 году. Годом позже он выиграл снова.", None, "Годом позже",
     v("1989", None, rel("year", 1, "context"), "context")),
    ("Туризм вырос в 2023 году на 35 % по сравнению с предыдущим годом.", FRIDAY, "предыдущим годом",
     v("2022", None, rel("year", -1, "context"), "context")),
    ("Через несколько недель суд вынес решение.", None, "Через несколько недель",
     open_(rel("week", None, "context"))),
    ("На следующий день прошел сход.", FRIDAY, "следующий день", open_(rel("day", 1, "context"))),
]

NOT_RELATIVE = [
    "Охрана окружающей среды важна для аймака.",
    "Телеканал «Пятница» показал сюжет о селе.",
    "И по сей день в селе нет дороги.",
    "В день рождения главы прошел концерт.",
    "Сессия прошла во вторник, 31 марта 2020 года.",
    "Прием граждан ведется по понедельникам.",
    "Молодежь по выходным выравнивала площадку.",
]


@pytest.fixture(scope="module")
def run(nlp):
    return lambda text, date=None: [e for e in dated(nlp, text, date).ents
                                    if e.label_ == "DATE" and "relative" in (e._.value or {})]


@pytest.mark.parametrize(("text", "published", "span", "value"), CASES)
def test_relative_date(run, text, published, span, value):
    found = {e.text: e._.value for e in run(text, published)}
    assert span in found, found
    assert found[span] == value


@pytest.mark.parametrize("text", NOT_RELATIVE)
def test_not_relative(run, text):
    assert [e.text for e in run(text, FRIDAY)] == []


@pytest.mark.parametrize(("text", "anchor"), [
    ("2023-05-12", (2023, 5, 12)), ("2023-05", (2023, 5, None)), ("2023", (2023, None, None)),
    ("2023-05-12T10:00:00", (2023, 5, 12)), ("2023-02-30", None), ("2023-00-01", None), ("май", None),
    ("", None), (None, None),
])
def test_parse_anchor(text, anchor):
    assert parse_anchor(text) == anchor


@pytest.mark.parametrize(("item", "anchor", "bounds"), [
    (Relative(0, 1, "day", -1, "publication"), (2023, 5, None), None),  # a day needs a full date
    (Relative(0, 1, "month", -1, "publication"), (2023, None, None), None),
    (Relative(0, 1, "year", -1, "publication"), (2023, None, None), ("2022", "2022")),
    (Relative(0, 1, "year", 1.5, "publication"), (2023, 5, 12), None),  # «полтора года назад»
    (Relative(0, 1, "month", -1, "publication"), (2023, 1, 12), ("2022-12", "2022-12")),
    (Relative(0, 1, "day", -1, "publication"), (1, 1, 1), None),  # before the first day there is
    (Relative(0, 1, "year", -5, "publication"), (3, 1, 1), None),
])
def test_resolve_edges(item, anchor, bounds):
    assert resolve(item, anchor) == bounds
