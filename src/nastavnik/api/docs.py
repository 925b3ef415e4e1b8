"""Interactive documentation from the vendored Swagger UI: no CDN, no inline script (the CSP allows neither)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from ninja import NinjaAPI


class OfflineSwagger(DocsBase):
    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        settings = {"url": self.get_openapi_url(api, kwargs), "deepLinking": True, "persistAuthorization": False}
        return render(request, "api/docs.html", {"api": api, "swagger_settings": json.dumps(settings)})
