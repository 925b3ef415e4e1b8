"""The fictional «Приозёрная область»: organisations, staff positions and class layouts."""

from __future__ import annotations

from dataclasses import dataclass, field

from nastavnik.orgs.models import OrganisationKind

REGION_SLUG = "priozernaya-oblast"
SCHOOL1_SLUG = "priozersk-school-1"
LYCEUM_SLUG = "priozersk-lyceum-2"
ZARECHNAYA_SLUG = "zarechnaya-school"
SOSNOVKA_SLUG = "sosnovka-school"
DDT_SLUG = "zarechny-ddt"
COLLEGE_SLUG = "priozersk-pedcollege"
ENTERPRISE_SLUG = "priozersk-machine-plant"
NGO_SLUG = "ruka-pomoshchi"
DISTRICT_SLUG = "zarechny-rayon"
CITY_SLUG = "go-priozersk"
METHODICAL_CENTRE_SLUG = "zarechny-imc"


@dataclass(frozen=True)
class OrgSpec:
    slug: str
    name: str
    short_name: str
    kind: str
    parent: str | None = None
    address: str = ""
    inn: str = ""
    is_partner: bool = False
    low_results: bool = False
    # People: how many teachers, and the classes as (grade, letters, students per class).
    teachers: int = 0
    classes: tuple[tuple[int, str, int], ...] = field(default=())


def _grades(first: int, last: int, letters: str, size: int) -> tuple[tuple[int, str, int], ...]:
    return tuple((grade, letters, size) for grade in range(first, last + 1))


ORGANISATIONS: tuple[OrgSpec, ...] = (
    OrgSpec(REGION_SLUG, "Приозёрная область", "Приозёрная обл.", OrganisationKind.REGION),
    OrgSpec(
        CITY_SLUG, "Городской округ Приозёрск", "г.о. Приозёрск", OrganisationKind.DISTRICT, REGION_SLUG,
        address="г. Приозёрск, пл. Ленина, д. 1",
    ),
    OrgSpec(
        DISTRICT_SLUG, "Заречный муниципальный район", "Заречный р-н", OrganisationKind.DISTRICT, REGION_SLUG,
        address="пгт Заречный, ул. Советская, д. 12",
    ),
    OrgSpec(
        METHODICAL_CENTRE_SLUG,
        "МКУ «Информационно-методический центр» Заречного муниципального района",
        "ИМЦ Заречного р-на",
        OrganisationKind.METHODOLOGICAL_CENTRE,
        DISTRICT_SLUG,
        address="пгт Заречный, ул. Советская, д. 12",
        inn="4701012345",
        teachers=2,
    ),
    OrgSpec(
        SCHOOL1_SLUG,
        "МБОУ «Средняя общеобразовательная школа № 1» г. Приозёрска",
        "СОШ № 1 г. Приозёрска",
        OrganisationKind.SCHOOL,
        CITY_SLUG,
        address="г. Приозёрск, ул. Школьная, д. 5",
        inn="4712003456",
        teachers=18,
        # Grades 1 and 10 run the club «Точка развития», so they have a third class.
        classes=((1, "АБВ", 7), *_grades(2, 9, "АБ", 7), (10, "АБВ", 7), (11, "АБ", 7)),
    ),
    OrgSpec(
        LYCEUM_SLUG,
        "МБОУ «Лицей № 2» г. Приозёрска",
        "Лицей № 2",
        OrganisationKind.SCHOOL,
        CITY_SLUG,
        address="г. Приозёрск, пр. Мира, д. 21",
        inn="4712003789",
        teachers=12,
        classes=_grades(5, 11, "АБ", 7),
    ),
    OrgSpec(
        ZARECHNAYA_SLUG,
        "МБОУ «Заречная средняя общеобразовательная школа»",
        "Заречная СОШ",
        OrganisationKind.SCHOOL,
        DISTRICT_SLUG,
        address="пгт Заречный, ул. Молодёжная, д. 3",
        inn="4701004567",
        teachers=10,
        classes=_grades(1, 11, "А", 7),
    ),
    OrgSpec(
        SOSNOVKA_SLUG,
        "МКОУ «Сосновская средняя общеобразовательная школа»",
        "Сосновская СОШ",
        OrganisationKind.SCHOOL,
        DISTRICT_SLUG,
        address="с. Сосновка, ул. Центральная, д. 8",
        inn="4701005678",
        low_results=True,
        teachers=7,
        classes=_grades(1, 11, "А", 5),
    ),
    OrgSpec(
        DDT_SLUG,
        "МКУ ДО «Дом детского творчества» Заречного муниципального района",
        "ДДТ Заречного р-на",
        OrganisationKind.ADDITIONAL_EDUCATION,
        DISTRICT_SLUG,
        address="пгт Заречный, ул. Пионерская, д. 2",
        inn="4701006789",
        teachers=7,
    ),
    OrgSpec(
        COLLEGE_SLUG,
        "ГБПОУ «Приозёрский педагогический колледж»",
        "Педколледж",
        OrganisationKind.COLLEGE,
        REGION_SLUG,
        address="г. Приозёрск, ул. Университетская, д. 14",
        inn="4712007890",
        teachers=6,
        classes=((1, "", 6), (2, "", 6), (3, "", 6)),
    ),
    OrgSpec(
        ENTERPRISE_SLUG,
        "АО «Приозёрский машиностроительный завод»",
        "Приозёрский машзавод",
        OrganisationKind.ENTERPRISE,
        CITY_SLUG,
        address="г. Приозёрск, Заводское ш., д. 1",
        inn="4712100200",
        is_partner=True,
    ),
    OrgSpec(
        NGO_SLUG,
        "АНО «Центр добровольчества «Рука помощи»»",
        "АНО «Рука помощи»",
        OrganisationKind.NGO,
        CITY_SLUG,
        address="г. Приозёрск, ул. Гагарина, д. 9",
        inn="4712300400",
        is_partner=True,
    ),
)  # fmt: skip

# (position, subjects); the first entries of a list are the most frequent.
SCHOOL_POSITIONS: tuple[tuple[str, str], ...] = (
    ("учитель начальных классов", "начальные классы"),
    ("учитель начальных классов", "начальные классы"),
    ("учитель математики", "математика, алгебра, геометрия"),
    ("учитель русского языка и литературы", "русский язык, литература"),
    ("учитель английского языка", "английский язык"),
    ("учитель истории и обществознания", "история, обществознание"),
    ("учитель физики", "физика, астрономия"),
    ("учитель информатики", "информатика"),
    ("учитель биологии", "биология"),
    ("учитель химии", "химия"),
    ("учитель географии", "география"),
    ("учитель физической культуры", "физическая культура"),
    ("учитель музыки", "музыка"),
    ("учитель технологии", "технология"),
    ("педагог-психолог", ""),
    ("социальный педагог", ""),
    ("учитель изобразительного искусства", "изобразительное искусство"),
    ("учитель-логопед", ""),
)
DDT_POSITIONS: tuple[tuple[str, str], ...] = (
    ("педагог дополнительного образования", "робототехника"),
    ("педагог дополнительного образования", "хореография"),
    ("педагог дополнительного образования", "изостудия «Радуга»"),
    ("педагог дополнительного образования", "вокальный ансамбль"),
    ("педагог дополнительного образования", "шахматы"),
    ("педагог дополнительного образования", "театральная студия"),
    ("методист", ""),
)
COLLEGE_POSITIONS: tuple[tuple[str, str], ...] = (
    ("преподаватель", "педагогика"),
    ("преподаватель", "психология"),
    ("преподаватель", "методика начального обучения"),
    ("преподаватель", "информатика"),
    ("мастер производственного обучения", ""),
    ("преподаватель", "русский язык и культура речи"),
)
KINDERGARTEN_POSITIONS: tuple[tuple[str, str], ...] = (
    ("воспитатель", ""),
    ("воспитатель", ""),
    ("воспитатель", ""),
    ("музыкальный руководитель", "музыка"),
    ("инструктор по физической культуре", "физическая культура"),
    ("педагог-психолог", ""),
)
METHODIST_POSITIONS: tuple[tuple[str, str], ...] = (("методист", ""), ("методист", ""), ("директор", ""))

POSITIONS_BY_KIND: dict[str, tuple[tuple[str, str], ...]] = {
    OrganisationKind.SCHOOL: SCHOOL_POSITIONS,
    OrganisationKind.ADDITIONAL_EDUCATION: DDT_POSITIONS,
    OrganisationKind.COLLEGE: COLLEGE_POSITIONS,
    OrganisationKind.KINDERGARTEN: KINDERGARTEN_POSITIONS,
    OrganisationKind.METHODOLOGICAL_CENTRE: METHODIST_POSITIONS,
}

CATEGORY_TOP = "высшая"
CATEGORY_FIRST = "первая"
CATEGORY_NONE = "без категории"

DDT_CLUBS = (
    "объединение «Робототехника»",
    "хореографический ансамбль «Грация»",
    "изостудия «Радуга»",
    "вокальный ансамбль «Звонкие голоса»",
    "шахматный клуб «Ладья»",
)
