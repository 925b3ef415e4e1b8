"""Russian names for demo people: first names by generation, patronymics, gendered surnames.

A surname is stored in its masculine form and turned feminine by the regular rules
(Иванов → Иванова, Покровский → Покровская, Луговой → Луговая); indeclinable surnames
(Черных, Бондаренко, Ковальчук) are the same for both. A patronymic comes from the
father's first name, so children of one family share it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import Enum


class Gender(Enum):
    MALE = "m"
    FEMALE = "f"


# Father's first name → (patronymic of a son, patronymic of a daughter).
PATRONYMICS: dict[str, tuple[str, str]] = {
    "Александр": ("Александрович", "Александровна"),
    "Алексей": ("Алексеевич", "Алексеевна"),
    "Анатолий": ("Анатольевич", "Анатольевна"),
    "Андрей": ("Андреевич", "Андреевна"),
    "Антон": ("Антонович", "Антоновна"),
    "Артём": ("Артёмович", "Артёмовна"),
    "Борис": ("Борисович", "Борисовна"),
    "Вадим": ("Вадимович", "Вадимовна"),
    "Валерий": ("Валерьевич", "Валерьевна"),
    "Василий": ("Васильевич", "Васильевна"),
    "Виктор": ("Викторович", "Викторовна"),
    "Виталий": ("Витальевич", "Витальевна"),
    "Владимир": ("Владимирович", "Владимировна"),
    "Вячеслав": ("Вячеславович", "Вячеславовна"),
    "Геннадий": ("Геннадьевич", "Геннадьевна"),
    "Григорий": ("Григорьевич", "Григорьевна"),
    "Денис": ("Денисович", "Денисовна"),
    "Дмитрий": ("Дмитриевич", "Дмитриевна"),
    "Евгений": ("Евгеньевич", "Евгеньевна"),
    "Иван": ("Иванович", "Ивановна"),
    "Игорь": ("Игоревич", "Игоревна"),
    "Илья": ("Ильич", "Ильинична"),
    "Кирилл": ("Кириллович", "Кирилловна"),
    "Константин": ("Константинович", "Константиновна"),
    "Леонид": ("Леонидович", "Леонидовна"),
    "Максим": ("Максимович", "Максимовна"),
    "Михаил": ("Михайлович", "Михайловна"),
    "Никита": ("Никитич", "Никитична"),
    "Николай": ("Николаевич", "Николаевна"),
    "Олег": ("Олегович", "Олеговна"),
    "Павел": ("Павлович", "Павловна"),
    "Пётр": ("Петрович", "Петровна"),
    "Роман": ("Романович", "Романовна"),
    "Руслан": ("Русланович", "Руслановна"),
    "Сергей": ("Сергеевич", "Сергеевна"),
    "Станислав": ("Станиславович", "Станиславовна"),
    "Степан": ("Степанович", "Степановна"),
    "Фёдор": ("Фёдорович", "Фёдоровна"),
    "Эдуард": ("Эдуардович", "Эдуардовна"),
    "Юрий": ("Юрьевич", "Юрьевна"),
}

# Fathers of today's schoolchildren (born 1975–1995) and of today's teachers (born 1935–1975).
YOUNG_FATHERS = (
    "Александр", "Алексей", "Андрей", "Антон", "Артём", "Вадим", "Виталий", "Владимир", "Денис",
    "Дмитрий", "Евгений", "Иван", "Игорь", "Илья", "Кирилл", "Константин", "Максим", "Михаил",
    "Никита", "Николай", "Олег", "Павел", "Роман", "Руслан", "Сергей", "Станислав", "Юрий",
)  # fmt: skip
OLD_FATHERS = (
    "Александр", "Алексей", "Анатолий", "Борис", "Валерий", "Василий", "Виктор", "Владимир",
    "Вячеслав", "Геннадий", "Григорий", "Евгений", "Иван", "Игорь", "Леонид", "Михаил",
    "Николай", "Олег", "Пётр", "Сергей", "Степан", "Фёдор", "Юрий", "Эдуард",
)  # fmt: skip

CHILD_MALE = (
    "Александр", "Алексей", "Арсений", "Артём", "Богдан", "Владимир", "Всеволод", "Глеб", "Даниил",
    "Денис", "Дмитрий", "Егор", "Иван", "Илья", "Кирилл", "Лев", "Макар", "Максим", "Марк", "Матвей",
    "Михаил", "Никита", "Николай", "Роман", "Савелий", "Семён", "Степан", "Тимофей", "Фёдор", "Ярослав",
)  # fmt: skip
CHILD_FEMALE = (
    "Алиса", "Алёна", "Анастасия", "Анна", "Арина", "Варвара", "Василиса", "Вера", "Вероника",
    "Виктория", "Дарья", "Диана", "Ева", "Екатерина", "Елизавета", "Злата", "Кира", "Ксения",
    "Маргарита", "Мария", "Милана", "Надежда", "Полина", "Софья", "Таисия", "Ульяна", "Яна",
)  # fmt: skip
ADULT_MALE = (
    "Александр", "Алексей", "Анатолий", "Андрей", "Антон", "Валерий", "Василий", "Виктор", "Владимир",
    "Вячеслав", "Геннадий", "Дмитрий", "Евгений", "Иван", "Игорь", "Константин", "Максим", "Михаил",
    "Николай", "Олег", "Павел", "Роман", "Сергей", "Юрий",
)  # fmt: skip
ADULT_FEMALE = (
    "Александра", "Алла", "Анна", "Валентина", "Вера", "Галина", "Дарья", "Евгения", "Екатерина",
    "Елена", "Жанна", "Ирина", "Лариса", "Людмила", "Марина", "Мария", "Надежда", "Наталья", "Оксана",
    "Ольга", "Светлана", "Татьяна", "Юлия", "Яна",
)  # fmt: skip

MALE_FIRST_NAMES = frozenset(CHILD_MALE + ADULT_MALE + YOUNG_FATHERS + OLD_FATHERS)
FEMALE_FIRST_NAMES = frozenset(CHILD_FEMALE + ADULT_FEMALE)

# Masculine forms; feminine forms follow from `surname_for`.
SURNAMES = (
    "Абрамов", "Акимов", "Аксёнов", "Александров", "Алексеев", "Андреев", "Анисимов", "Антонов",
    "Архипов", "Афанасьев", "Баранов", "Белов", "Белоусов", "Беляев", "Бирюков", "Богданов",
    "Борисов", "Быков", "Васильев", "Виноградов", "Власов", "Волков", "Воробьёв", "Воронин",
    "Гаврилов", "Галкин", "Герасимов", "Голубев", "Гончаров", "Горбунов", "Горшков", "Грачёв",
    "Григорьев", "Гришин", "Громов", "Гусев", "Давыдов", "Данилов", "Демидов", "Денисов",
    "Дмитриев", "Егоров", "Елисеев", "Емельянов", "Ерёмин", "Ермаков", "Ершов", "Ефимов",
    "Жданов", "Жуков", "Журавлёв", "Зайцев", "Захаров", "Зуев", "Ильин", "Исаев", "Казаков",
    "Калинин", "Карпов", "Киселёв", "Климов", "Князев", "Ковалёв", "Козлов", "Колесников",
    "Комаров", "Кондратьев", "Коновалов", "Королёв", "Котов", "Краснов", "Крылов", "Кудрявцев",
    "Кузнецов", "Кузьмин", "Куликов", "Лазарев", "Лебедев", "Леонов", "Логинов", "Лукьянов",
    "Макаров", "Максимов", "Малышев", "Мальцев", "Марков", "Мартынов", "Маслов", "Матвеев",
    "Медведев", "Мельников", "Миронов", "Михайлов", "Михеев", "Моисеев", "Морозов", "Назаров",
    "Наумов", "Нестеров", "Никитин", "Никифоров", "Николаев", "Новиков", "Носов", "Овчинников",
    "Орлов", "Осипов", "Павлов", "Панов", "Петров", "Плотников", "Поляков", "Пономарёв",
    "Попов", "Потапов", "Прокофьев", "Прохоров", "Родионов", "Романов", "Румянцев", "Рыбаков",
    "Савельев", "Савин", "Сафонов", "Семёнов", "Сергеев", "Сидоров", "Симонов", "Скворцов",
    "Смирнов", "Соболев", "Соколов", "Соловьёв", "Сорокин", "Степанов", "Тарасов", "Тимофеев",
    "Титов", "Тихомиров", "Тихонов", "Трофимов", "Фёдоров", "Федотов", "Филатов", "Филиппов",
    "Фомин", "Фролов", "Харитонов", "Хохлов", "Цветков", "Чернов", "Чернышёв", "Шубин",
    "Щербаков", "Юдин", "Яковлев",
    "Вознесенский", "Никольский", "Островский", "Покровский", "Рождественский", "Троицкий",
    "Успенский", "Городецкий", "Луговой", "Полевой", "Береговой",
    "Бондаренко", "Коваленко", "Кравченко", "Шевченко", "Ковальчук", "Шевчук", "Белых", "Седых",
    "Черных",
)  # fmt: skip

_FEMININE_ENDINGS = (("ский", "ская"), ("цкий", "цкая"), ("ой", "ая"), ("ый", "ая"))
_ADD_A_ENDINGS = ("ов", "ев", "ёв", "ин", "ын")


def surname_for(masculine: str, gender: Gender) -> str:
    """The surname in the form that agrees with the gender: Иванов → Иванова for a woman."""
    if gender is Gender.MALE:
        return masculine
    if masculine.endswith(_ADD_A_ENDINGS):
        return masculine + "а"
    for ending, feminine in _FEMININE_ENDINGS:
        if masculine.endswith(ending):
            return masculine[: -len(ending)] + feminine
    return masculine


def patronymic_for(father: str, gender: Gender) -> str:
    son, daughter = PATRONYMICS[father]
    return son if gender is Gender.MALE else daughter


@dataclass(frozen=True)
class FullName:
    last_name: str
    first_name: str
    middle_name: str
    gender: Gender

    def __str__(self) -> str:
        return f"{self.last_name} {self.first_name} {self.middle_name}"


@dataclass(frozen=True)
class Family:
    """A schoolchild's family: the surname and the father's name shared by the children."""

    surname: str
    father: str
    mother: str
    mother_patronymic_source: str

    def child(self, rng: random.Random, gender: Gender) -> FullName:
        first = rng.choice(CHILD_MALE if gender is Gender.MALE else CHILD_FEMALE)
        return FullName(surname_for(self.surname, gender), first, patronymic_for(self.father, gender), gender)

    def mother_name(self) -> FullName:
        return FullName(
            surname_for(self.surname, Gender.FEMALE),
            self.mother,
            patronymic_for(self.mother_patronymic_source, Gender.FEMALE),
            Gender.FEMALE,
        )

    def father_name(self, rng: random.Random) -> FullName:
        return FullName(self.surname, self.father, patronymic_for(rng.choice(OLD_FATHERS), Gender.MALE), Gender.MALE)


def random_gender(rng: random.Random, female_share: float = 0.5) -> Gender:
    return Gender.FEMALE if rng.random() < female_share else Gender.MALE


def random_family(rng: random.Random) -> Family:
    return Family(
        surname=rng.choice(SURNAMES),
        father=rng.choice(YOUNG_FATHERS),
        mother=rng.choice(ADULT_FEMALE),
        mother_patronymic_source=rng.choice(OLD_FATHERS),
    )


def random_adult(rng: random.Random, gender: Gender) -> FullName:
    first = rng.choice(ADULT_MALE if gender is Gender.MALE else ADULT_FEMALE)
    return FullName(
        surname_for(rng.choice(SURNAMES), gender), first, patronymic_for(rng.choice(OLD_FATHERS), gender), gender
    )


def gender_of(first_name: str) -> Gender | None:
    """The gender a first name belongs to in these lists (None for an unknown name)."""
    if first_name in MALE_FIRST_NAMES:
        return Gender.MALE
    if first_name in FEMALE_FIRST_NAMES:
        return Gender.FEMALE
    return None
