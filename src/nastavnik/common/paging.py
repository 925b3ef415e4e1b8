"""Pagination shared by list pages: a bad page number shows the first or last page, never 500.

`per_reader_plans` reads the count and the page with plans made for the reader (`common.plans`),
for lists that hold a school's few hundred rows for one user and a region's hundred thousand for
the next (people). Not by default: a list of many joins (the pairs board) takes 30 ms to plan and
4 ms to run, and its generic plan is what makes it cheap.

`count_under` caches the count (keyed by the list's SQL, so by the reader's scope and filters) under
a generation of `common.changes` that every change of the rows behind it bumps: a region's people
list counted 100 000 people on every page opened (half of the page's time)."""

from __future__ import annotations

import hashlib
from contextlib import nullcontext
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import cached_property

from nastavnik.common.changes import version
from nastavnik.common.plans import custom_plans

# A count kept under a generation is still dropped after this long (a change no bump announced).
COUNT_SECONDS = 300


class GenerationCountPaginator(Paginator):  # type: ignore[type-arg]
    """A paginator whose count is cached under the generation `scope` of `common.changes`."""

    def __init__(self, object_list: QuerySet[Any], per_page: int, scope: str) -> None:
        super().__init__(object_list, per_page)
        self.queryset = object_list
        self.scope = scope

    @cached_property
    def count(self) -> int:
        sql, params = self.queryset.query.sql_with_params()
        digest = hashlib.sha256(repr((sql, params)).encode()).hexdigest()[:32]
        key = f"paging:count:{digest}:{version(self.scope)}"
        found = cache.get(key)
        if isinstance(found, int):
            return found
        counted = self.queryset.count()
        cache.set(key, counted, COUNT_SECONDS)
        return counted


def paginate(
    request: HttpRequest,
    qs: QuerySet[Any],
    per_page: int | None = None,
    *,
    per_reader_plans: bool = False,
    count_under: str | None = None,
) -> dict[str, Any]:
    size = per_page or settings.PAGE_SIZE
    paginator = Paginator(qs, size) if count_under is None else GenerationCountPaginator(qs, size, count_under)
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
