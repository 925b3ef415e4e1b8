"""Hard rules: whether a mentor may be proposed to a mentee, and if not, why."""

from __future__ import annotations

from nastavnik.engines.matching.scoring.profiles import MenteeProfile, MentorProfile, Reason
from nastavnik.engines.matching.scoring.settings import Rules
from nastavnik.engines.matching.scoring.wording import grades, years, years_genitive
from nastavnik.engines.text import plural_ru


def hard_rule_failures(mentee: MenteeProfile, mentor: MentorProfile, rules: Rules) -> tuple[Reason, ...]:
    """The hard rules the pair fails, in ``HARD_RULES`` order (empty = eligible)."""
    found = list(mentee_failures(mentee, rules))
    for check in (mentor_experience_failure(mentor, rules), _grade_failure(mentee, mentor, rules)):
        if check is not None:
            found.append(check)
    same_organisation = mentee.organisation == mentor.organisation
    if rules.same_organisation_only and not same_organisation:
        found.append(Reason("other_organisation", "Наставник из другой организации"))
    if rules.forbid_same_class and same_organisation and _same_class(mentee.class_name, mentor.class_name):
        found.append(Reason("same_class", "Один класс: для этой формы пары из одного класса запрещены"))
    if rules.require_problem_match and mentee.problems and not mentee.problems & mentor.capabilities:
        found.append(Reason("no_problem_match", "Наставник не помогает ни с одной из проблем наставляемого"))
    return tuple(found)


def mentee_failures(mentee: MenteeProfile, rules: Rules) -> tuple[Reason, ...]:
    """Rules the mentee fails whoever the mentor is (experience, no request)."""
    found: list[Reason] = []
    limit = rules.mentee_max_experience_years
    if limit is not None and mentee.experience_years is None:
        text = f"Стаж наставляемого не указан, а форма допускает не больше {years_genitive(limit)}"
        found.append(Reason("mentee_experience", text))
    elif limit is not None and mentee.experience_years is not None and mentee.experience_years > limit:
        allowed = plural_ru(limit, "допустимого", "допустимых", "допустимых")
        text = f"Стаж наставляемого {years(mentee.experience_years)} — больше {years_genitive(limit)}, {allowed} формой"
        found.append(Reason("mentee_experience", text))
    if rules.require_problem_match and not mentee.problems:
        text = "У наставляемого не указаны проблемы (запрос), а форма требует совпадения с возможностями наставника"
        found.append(Reason("no_request", text))
    return tuple(found)


def mentor_experience_failure(mentor: MentorProfile, rules: Rules) -> Reason | None:
    """The mentor-only rule: too little or unknown experience (None = passes)."""
    minimum = rules.mentor_min_experience_years
    if minimum is None:
        return None
    if mentor.experience_years is None:
        return Reason(
            "mentor_experience", f"Стаж наставника не указан, а форма требует не меньше {years_genitive(minimum)}"
        )
    if mentor.experience_years >= minimum:
        return None
    required = plural_ru(minimum, "требуемого", "требуемых", "требуемых")
    text = f"Стаж наставника {years(mentor.experience_years)} — меньше {years_genitive(minimum)}, {required} формой"
    return Reason("mentor_experience", text)


def _grade_failure(mentee: MenteeProfile, mentor: MentorProfile, rules: Rules) -> Reason | None:
    minimum = rules.min_grade_gap
    if minimum is None:
        return None
    if minimum > 0:
        tail = f"а наставник должен быть старше не меньше чем на {grades(minimum)}"
    else:
        tail = "а наставник не должен быть младше наставляемого"
    if mentor.grade is None or mentee.grade is None:
        missing = [
            who for who, grade in (("наставника", mentor.grade), ("наставляемого", mentee.grade)) if grade is None
        ]
        return Reason("grade_gap", f"Не указан класс {' и '.join(missing)}, {tail}")
    gap = mentor.grade - mentee.grade
    if gap >= minimum:
        return None
    if gap > 0:
        return Reason("grade_gap", f"Наставник старше наставляемого на {grades(gap)}, требуется не меньше {minimum}")
    if gap == 0:
        return Reason("grade_gap", f"Наставник и наставляемый из одной параллели, {tail}")
    return Reason("grade_gap", f"Наставник младше наставляемого на {grades(-gap)}, {tail}")


def _same_class(first: str | None, second: str | None) -> bool:
    """An empty class name counts as unknown, like ``None``."""
    return bool(first) and first == second
