"""Anonymous campaigns: which groupings of answers may be shown to staff.

A group (a class) of an anonymous campaign is shown in results and exports only when it has at
least MIN_GROUP answers: in a smaller group the curator who knows the class could tell who gave
which answer. The answers left outside the shown classes form a group too — the total minus the
shown classes gives them away — so when there are 1 to MIN_GROUP − 1 of them no class is shown
at all. Named campaigns are not limited: their staff see the names anyway.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from nastavnik.surveys.models import Campaign

MIN_GROUP = 5
HIDDEN = "менее 5 ответов — скрыто"


@dataclass(frozen=True)
class ClassGroups:
    """The classes of a campaign's answers that may be shown, and whether any were hidden."""

    shown: frozenset[str]
    hidden: bool
    any_class: bool

    def label(self, class_name: str) -> str:
        """The class as an export cell: itself when shown, else «менее 5 ответов — скрыто»."""
        if class_name in self.shown:
            return class_name
        return HIDDEN if self.any_class else ""

    def allows(self, class_name: str) -> bool:
        return class_name in self.shown


def shown_classes(counts: Counter[str], anonymous: bool) -> frozenset[str]:
    """The classes (non-empty names) whose answers may be shown, from the answers per class."""
    classes = {name for name in counts if name}
    if not anonymous:
        return frozenset(classes)
    shown = {name for name in classes if counts[name] >= MIN_GROUP}
    rest = sum(count for name, count in counts.items() if name not in shown)
    return frozenset(shown) if rest == 0 or rest >= MIN_GROUP else frozenset()


def class_groups(campaign: Campaign) -> ClassGroups:
    """The classes of the campaign's answers (refusals aside when anonymous), the threshold applied."""
    responses = campaign.responses.filter(refused=False) if campaign.anonymous else campaign.responses.all()
    counts = Counter(responses.values_list("class_name", flat=True))
    shown = shown_classes(counts, campaign.anonymous)
    classes = {name for name in counts if name}
    return ClassGroups(shown=shown, hidden=len(shown) < len(classes), any_class=bool(classes))
