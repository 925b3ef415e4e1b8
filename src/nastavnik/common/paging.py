"""Pagination shared by list pages: a bad page number shows the first or last page, never 500."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def paginate(request: HttpRequest, qs: QuerySet[Any], per_page: int | None = None) -> dict[str, Any]:
    paginator = Paginator(qs, per_page or settings.PAGE_SIZE)
    page: Page[Any] = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return {
        "page_obj": page,
        "object_list": page.object_list,
        "querystring_without_page": f"{encoded}&" if encoded else "",
        "total_count": paginator.count,
    }
