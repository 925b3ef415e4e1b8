"""Organisation tree and organisation card."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from nastavnik.access.breadcrumbs import organisation_crumbs
from nastavnik.access.rules import access_for, get_visible_or_404, visible_organisations
from nastavnik.orgs.models import Organisation, Role


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    orgs = list(visible_organisations(request.user).order_by("path"))
    visible_ids = {org.id for org in orgs}
    # Indent by depth relative to the highest visible ancestor, so a school curator sees one row.
    roots = [org for org in orgs if org.parent_id not in visible_ids]
    children: dict[int | None, list[Organisation]] = {}
    for org in orgs:
        children.setdefault(org.parent_id if org.parent_id in visible_ids else None, []).append(org)
    return render(request, "orgs/tree.html", {"roots": roots, "children": children, "count": len(orgs)})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_visible_or_404(visible_organisations(request.user), pk=pk)
    access = access_for(request.user)
    role_counts = dict(org.memberships.filter(is_active=True).values_list("role").annotate(n=Count("id")).order_by())
    staff = org.memberships.filter(
        is_active=True, role__in=[Role.DIRECTOR, Role.CURATOR, Role.WORKING_GROUP]
    ).select_related("person")
    children = org.children.filter(Q(id__in=visible_organisations(request.user).values("id"))).order_by("short_name")
    context = {
        "org": org,
        "crumbs": organisation_crumbs(request.user, org.ancestors()),
        "children": children,
        "staff": staff,
        "students": role_counts.get(Role.STUDENT, 0),
        "teachers": role_counts.get(Role.TEACHER, 0),
        "programmes": org.programmes.select_related("academic_year"),
        "can_read_people": access.can_read_org(org),
    }
    return render(request, "orgs/detail.html", context)
