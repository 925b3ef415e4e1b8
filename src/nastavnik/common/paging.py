"""Pagination shared by list pages: a bad page number shows the first or last page, never 500.

`per_reader_plans` reads the count and the page with plans made for the reader (`common.plans`),
for lists that hold a school's few hundred rows for one user and a region's hundred thousand for
the next (people). Not by default: a list of many joins (the pairs board) takes 30 ms to plan and
4 ms to run, and its generic plan is what makes it cheap."""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from nastavnik.common.plans import custom_plans


def paginate(
    request: HttpRequest, qs: QuerySet[Any], per_page: int | None = None, *, per_reader_plans: bool = False
) -> dict[str, Any]:
    paginator = Paginator(qs, per_page or settings.PAGE_SIZE)
    with custom_plans() if per_reader_plans else nullcontext():
        page: Page[Any] = paginator.get_page(request.GET.get("page"))
        page.object_list = list(page.object_list)
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return {
        "page_obj": page,
        "object_list": page.object_list,
        "querystring_without_page": f"{encoded}&" if encoded else "",
        "total_count": paginator.count,
    }
