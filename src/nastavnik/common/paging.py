"""Pagination shared by list pages: a bad page number shows the first or last page, never 500.

The count and the page are read with plans made for the reader (`common.plans`): the same list
holds a school's few hundred rows for one user and a region's hundred thousand for the next."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from nastavnik.common.plans import custom_plans


def paginate(request: HttpRequest, qs: QuerySet[Any], per_page: int | None = None) -> dict[str, Any]:
    paginator = Paginator(qs, per_page or settings.PAGE_SIZE)
    with custom_plans():
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
