"""What the reserve and the lab pages share: the form that starts this year's cycle or lab of an organisation."""

from __future__ import annotations

from typing import TypeVar

from django.db import IntegrityError, models, transaction
from django.http import HttpRequest

from nastavnik.access.rules import Access, access_for, require
from nastavnik.communities import scope
from nastavnik.communities.forms_reserve import OrganisationYearForm
from nastavnik.orgs.models import AcademicYear

M = TypeVar("M", bound=models.Model)


def year_form(request: HttpRequest, staff_only: str) -> tuple[Access, OrganisationYearForm]:
    """The coordinating staff's form (403 for others), bound on POST."""
    access = access_for(request.user)
    organisations = scope.coordinating_orgs(access)
    require(organisations.exists(), staff_only)
    return access, OrganisationYearForm(request.POST or None, organisations=organisations)


def start_of_year(form: OrganisationYearForm, model: type[M], taken: str) -> M | None:
    """This year's row of the chosen organisation; a second start is a form error ({year} in `taken`)."""
    year = AcademicYear.current()
    try:
        with transaction.atomic():
            return model._default_manager.create(organisation=form.cleaned_data["organisation"], academic_year=year)
    except IntegrityError:
        form.add_error("organisation", taken.format(year=year))
        return None
