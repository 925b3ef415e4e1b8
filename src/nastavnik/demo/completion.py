"""Demo data of the programme lifecycle: completion, mutual evaluation, awards, best practices, levels.

The pairs of «Точка развития» completed last year (their whole meeting log, with the final
meeting, comes from demo/diaries.py) get what the curator enters at completion: each mentee's
results against the request, satisfaction, the decision and the mutual evaluation. One
mentee became a mentor herself (a StatusChange and an application to this year's
programme). The alumni mentor who led those pairs gets a certificate «Лучший наставник»,
another mentor a letter of thanks; the mentor's status level is replayed completion by
completion by the real rule (up to the level today's figures give), so the level history
shows when and why it rose to «Золотой». Two practices
go to the bank (one with a file). This year one working pair of «Молодой специалист» is
long-term, so the curator can try the carry-over to the next academic year.

Deterministic: one number from the world's generator seeds a local one; dates come from the
academic years; the practice file is stored under a name derived from its content and
written only when missing.
"""

from __future__ import annotations

import datetime
import hashlib
import random
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Avg, Count
from django.utils import timezone

from nastavnik.bases.models import MentorEntry, StatusLevel, TrainingStatus
from nastavnik.demo import catalog
from nastavnik.demo.builder import DemoWorld
from nastavnik.demo.names import Gender, gender_of
from nastavnik.diary import awards, completion, levels
from nastavnik.diary.levels import Figures
from nastavnik.diary.models import AwardKind, MeetingRating, PairEvaluation, StatusChange, StatusChangeKind
from nastavnik.pairs.models import Decision, MeetingKind, Outcome, Pair, PairStatus, PairTransition
from nastavnik.practices.models import BestPractice, CatalogueStatus, PracticeFile, RegionalPractice
from nastavnik.programmes.models import MentoringFormat, Programme

# Results of first- and second-graders; «{a}» is the ending of a past-tense verb: «» for him, «а» for her.
NOTES = (
    "Освоил{a}сь в классе, на переменах играет с ребятами, сам{a} поднимает руку на уроке.",
    "Научил{a}сь читать по слогам без ошибок, домашнее чтение выполняет каждый день.",
    "Перестал{a} бояться отвечать у доски; четверть закончил{a} без троек по математике.",
    "Подружил{a}сь с одноклассниками, участвовал{a} в школьном конкурсе рисунков.",
    "Сам{a} собирает портфель и ведёт дневник, конфликтов на переменах больше нет.",
    "Выступил{a} на классном часе с рассказом о своём увлечении.",
)
MENTOR_REVIEWS = (
    "Старательная работа, к концу года появились свои вопросы.",
    "Ни одной пропущенной встречи, задания между встречами выполнены.",
    "Большой рост за год: больше уверенности и самостоятельности.",
)
MENTEE_REVIEWS = {
    5: ("Было интересно, спасибо!", "Мне всё объясняли, было не страшно.", "Хочу заниматься ещё в следующем году."),
    4: ("Мне помогли с уроками и с ребятами.", "Хорошо, но иногда встречи переносились."),
}
NEW_MENTOR_NOTE = (
    "Сам{a} предложил{a} помогать первоклассникам освоиться — подал{a} заявку в наставники «Точки развития»."
)

PRACTICE_FILE = """Практика «Ровесник — ровеснику»: как старшеклассники помогают первоклассникам

1. Набор наставников: заявки учеников 10–11 классов, собеседование с куратором.
2. Знакомство: встреча-игра, пары подбираются по интересам.
3. Встречи раз в две недели: чтение, игры на переменах, помощь с домашним заданием.
4. Итоговая встреча: выставка достижений и благодарности наставникам.

Результаты: первоклассники быстрее осваиваются, у наставников растёт ответственность.
"""


def _ending(first_name: str) -> str:
    return "а" if gender_of(first_name) == Gender.FEMALE else ""


def _moment(day: datetime.date, hour: int = 15) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _last_year_pairs(world: DemoWorld) -> list[Pair]:
    return list(
        Pair.objects.filter(programme__academic_year=world.previous_year, status=PairStatus.COMPLETED)
        .select_related("programme__organisation", "programme_form__form", "mentor__person")
        .order_by("id")
    )


def _completed_on(pair: Pair, world: DemoWorld) -> datetime.datetime:
    final = pair.meetings.filter(kind=MeetingKind.FINAL).order_by("-held_on").first()
    day = final.held_on if final else datetime.date(world.previous_year.start_year + 1, 5, 25)
    return pair.completed_at or _moment(day, 16)


def _results(rng: random.Random, world: DemoWorld, pairs: list[Pair], curator: Any) -> None:
    for index, pair in enumerate(pairs):
        completed_at = _completed_on(pair, world)
        decision = Decision.CONTINUE if index % 3 == 0 else Decision.STOP
        Pair.objects.filter(pk=pair.pk).update(decision=decision, completed_at=completed_at)
        pair.decision, pair.completed_at = decision, completed_at
        choices = [code for code, _ in completion.outcome_choices(pair) if code != Outcome.REQUEST_MET]
        for member in pair.members.select_related("mentee__person").order_by("id"):
            outcomes = [Outcome.REQUEST_MET.value] if rng.random() < 0.85 else []
            outcomes += [code for code in choices if rng.random() < 0.4]
            member.outcomes = outcomes
            member.result_note = rng.choice(NOTES).format(a=_ending(member.mentee.person.first_name))
            member.satisfaction = rng.choice((5, 5, 4, 4, 3))
            member.save(update_fields=["outcomes", "result_note", "satisfaction"])
            PairEvaluation.objects.get_or_create(
                pair=pair,
                author=member.mentee.person,
                defaults={"side": "mentee", "score": rng.choice((5, 5, 4)), "comment": ""},
            )
            evaluation = PairEvaluation.objects.get(pair=pair, author=member.mentee.person)
            evaluation.comment = rng.choice(MENTEE_REVIEWS[evaluation.score])
            evaluation.save(update_fields=["comment"])
        PairEvaluation.objects.get_or_create(
            pair=pair,
            author=pair.mentor.person,
            defaults={"side": "mentor", "score": rng.choice((5, 4)), "comment": rng.choice(MENTOR_REVIEWS)},
        )
        # The proposal was made before the pair started, not when the demo was built.
        proposed_at = (pair.confirmed_at or completed_at - datetime.timedelta(days=220)) - datetime.timedelta(days=3)
        PairTransition.objects.filter(pair=pair, to_status=PairStatus.PROPOSED, at__gt=proposed_at).update(
            at=proposed_at
        )
        if not PairTransition.objects.filter(pair=pair, to_status=PairStatus.COMPLETED).exists():
            PairTransition.objects.create(
                pair=pair,
                from_status=PairStatus.ACTIVE,
                to_status=PairStatus.COMPLETED,
                at=completed_at,
                by=curator,
                reason=str(Decision(decision).label),
            )


def _new_mentor(pairs: list[Pair], curator: Any) -> None:
    """The first mentee of the first pair became a mentor: she applies to this year's «Точка развития»."""
    if not pairs:
        return
    pair = pairs[0]
    member = pair.members.select_related("mentee__person").order_by("id").first()
    if member is None:
        return
    note = NEW_MENTOR_NOTE.format(a=_ending(member.mentee.person.first_name))
    member.result_note = f"{member.result_note} {note}".strip()
    member.save(update_fields=["result_note"])
    change, _entry = completion.record_new_mentor(member, pair, curator)
    StatusChange.objects.filter(pk=change.pk).update(changed_at=pair.completed_at)


def _figures_on(person_id: int, moment: datetime.datetime, trained: bool) -> Figures:
    """The rule's figures as they stood at a moment of last year (pairs completed and meetings rated by then)."""
    completed = Pair.objects.filter(
        mentor__person_id=person_id, status=PairStatus.COMPLETED, completed_at__lte=moment
    ).count()
    ratings = MeetingRating.objects.filter(
        meeting__pair__mentor__person_id=person_id, meeting__held_on__lte=moment.date()
    ).aggregate(avg=Avg("score"), n=Count("id"))
    average = ratings["avg"]
    return Figures(completed, float(average) if average is not None else None, int(ratings["n"] or 0), trained)


def _replay_levels(world: DemoWorld, pairs: list[Pair], curator: Any) -> MentorEntry | None:
    """Last year's level rose at a completion; replay the rule completion by completion and record it.

    The replay goes up to the level the mentor holds by today's figures (levels never go down,
    so a level above today's could not be shown as earned).
    """
    if not pairs:
        return None
    entry = MentorEntry.objects.select_related("person", "programme").get(pk=pairs[0].mentor_id)
    rules = levels.rules()
    cap = levels.evaluate(entry.person_id)
    trained = True  # the alumni mentor finished the school's mentor training in the autumn
    level = StatusLevel.INITIAL.value
    moments = sorted({p.completed_at for p in pairs if p.mentor_id == entry.pk and p.completed_at})
    for moment in moments:
        figures = _figures_on(entry.person_id, moment, trained)
        new = levels.level_for(figures, rules)
        new = new if levels.rank(new) <= levels.rank(cap) else cap
        if levels.rank(new) <= levels.rank(level):
            continue
        change = StatusChange.objects.create(
            person_id=entry.person_id,
            programme=entry.programme,
            kind=StatusChangeKind.MENTOR_LEVEL,
            old_value=level,
            new_value=new,
            reason=f"{StatusLevel(level).label} → {StatusLevel(new).label}: {figures.text()}.",
            changed_by=curator,
        )
        StatusChange.objects.filter(pk=change.pk).update(changed_at=moment)
        level = new
    MentorEntry.objects.filter(pk=entry.pk).update(status_level=level, training_status=TrainingStatus.TRAINED)
    # This year's entry of the same mentor starts from the level reached (never lower than it was).
    for current in MentorEntry.objects.filter(person_id=entry.person_id, programme__academic_year=world.year):
        if levels.rank(level) > levels.rank(current.status_level):
            MentorEntry.objects.filter(pk=current.pk).update(status_level=level)
    return entry


def _awards(world: DemoWorld, pairs: list[Pair], mentor: MentorEntry | None, director: Any) -> None:
    if mentor is None:
        return
    programme = mentor.programme
    day = datetime.date(world.previous_year.start_year + 1, 5, 29)
    if not programme.awards.exists():
        awards.issue(
            programme,
            AwardKind.CERTIFICATE,
            mentor.person,
            director,
            pair=pairs[0] if pairs else None,
            issued_on=day,
            text=f"за высокие результаты наставнической деятельности: {len(pairs)} пар первоклассников "
            f"и второклассников, программа «{programme.title}», {programme.academic_year} учебный год",
        )
        other = MentorEntry.objects.filter(programme=programme).exclude(pk=mentor.pk).order_by("id").first()
        if other is not None:
            awards.issue(programme, AwardKind.THANKS, other.person, director, issued_on=day)
    _letters_of_source_003(world)


def _letters_of_source_003(world: DemoWorld) -> None:
    """003 §9: letters of thanks to a partner mentor's employer and to the parents of a pupil mentor."""
    kinds = (AwardKind.THANKS_EMPLOYER, AwardKind.THANKS_PARENTS)
    for programme in Programme.objects.filter(academic_year=world.year).order_by("id"):
        for kind in kinds:
            person = awards.eligible_people(programme, kind).first()
            if person is not None and not programme.awards.filter(kind=kind).exists():
                awards.issue(programme, kind, person, None, issued_on=world.today)


def _practice_file(practice: BestPractice) -> None:
    content = PRACTICE_FILE.encode("utf-8")
    name = f"practices/demo/{hashlib.sha256(content).hexdigest()[:16]}.txt"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(content))
    PracticeFile.objects.create(practice=practice, file=name, name="Ровесник — ровеснику.txt", size=len(content))


def _practices(world: DemoWorld, pairs: list[Pair], users: dict[str, Any]) -> None:
    school = world.orgs[catalog.SCHOOL1_SLUG]
    if BestPractice.objects.filter(organisation=school).exists():
        return
    last_programme = pairs[0].programme if pairs else None
    peer = BestPractice.objects.create(
        organisation=school,
        programme=last_programme,
        pair=pairs[0] if pairs else None,
        form=MentoringFormat.objects.filter(code="student_student").first(),
        title="Ровесник — ровеснику: старшеклассники помогают первоклассникам освоиться",
        description=(
            "Ученики 10–11 классов весь учебный год ведут пары и группы с первоклассниками: "
            "встреча-знакомство, игры на переменах, чтение вслух, помощь с домашним заданием, "
            "итоговая встреча с выставкой достижений.\n\n"
            "Что получилось: первоклассники быстрее осваиваются и меньше конфликтуют, "
            "а одна из наставляемых сама стала наставником."
        ),
        tags="адаптация, первоклассники, ученик – ученик, игры на переменах",
        authors="Рабочая группа по наставничеству СОШ № 1",
        created_by=users.get("curator"),
    )
    _practice_file(peer)
    # The school proposes its practice to the regional catalogue (002, Приложение 3); the region decides.
    RegionalPractice.objects.create(
        form_group="Ученик-ученик",
        title=peer.title,
        description="Клуб «Точка развития»: старшеклассники ведут пары и группы с первоклассниками.",
        links="",
        status=CatalogueStatus.PROPOSED,
        practice=peer,
        proposed_by_org=school,
        proposed_by=users.get("curator"),
    )
    ddt = world.orgs.get(catalog.DDT_SLUG)
    ddt_programme = Programme.objects.filter(organisation=ddt, academic_year=world.year).first() if ddt else None
    if ddt is not None:
        BestPractice.objects.create(
            organisation=ddt,
            programme=ddt_programme,
            form=MentoringFormat.objects.filter(code="teacher_student").first(),
            title="Проектная мастерская: педагог и кружковец готовят проект к конкурсу",
            description=(
                "Педагог дополнительного образования и обучающийся вместе выбирают тему, составляют план "
                "и готовят проект к районному конкурсу; раз в месяц — показ промежуточных результатов "
                "в кружке. Ребята из пассивной группы подключаются через роли в общем проекте."
            ),
            tags="проект, конкурс, дополнительное образование, педагог – обучающийся",
            authors="Методический совет ДДТ",
        )


def _long_term_pair(world: DemoWorld) -> None:
    """One working pair of «Молодой специалист» (a young teacher is supported for two years) is long-term."""
    school = world.orgs[catalog.SCHOOL1_SLUG]
    active = Pair.objects.filter(
        programme__organisation=school, programme__academic_year=world.year, status=PairStatus.ACTIVE
    ).order_by("id")
    pair = active.filter(programme_form__form__code="teacher_teacher").first() or active.first()
    if pair is not None:
        Pair.objects.filter(pk=pair.pk).update(is_long_term=True)


def create_completions(world: DemoWorld, users: dict[str, Any]) -> None:
    rng = random.Random(world.rng.getrandbits(32))
    curator, director = users.get("curator"), users.get("director")
    pairs = _last_year_pairs(world)
    _results(rng, world, pairs, curator)
    _new_mentor(pairs, curator)
    mentor = _replay_levels(world, pairs, curator)
    _awards(world, pairs, mentor, director)
    _practices(world, pairs, users)
    _long_term_pair(world)
