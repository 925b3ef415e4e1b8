"""The REST API (django-ninja): /api/v1/, its OpenAPI schema and the offline interactive documentation.

Every endpoint requires `Authorization: Bearer <key>` (401 otherwise), is limited per key (429) and
reads through the same access layer as the pages: objects outside the user's scope answer 404,
visible ones the role may not change 403. Errors are JSON with a Russian `detail`; invalid input is
422 in ninja's shape ({"detail": [{"loc", "msg", "type"}]}).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, Throttled

from nastavnik.api import errors
from nastavnik.api.docs import OfflineSwagger
from nastavnik.api.endpoints import bases, directory, figures, pairs
from nastavnik.api.security import BearerKey, PerKeyThrottle, rate_per_minute

NO_KEY = (
    "Нужен действующий ключ API: заголовок «Authorization: Bearer <ключ>». Ключ выдаётся на странице «Доступ к API»."
)
TOO_MANY = "Слишком много запросов с этим ключом: не больше {rate} в минуту. Повторите через {wait} с."

api = NinjaAPI(
    title="Наставник API",
    version="1",
    description="Чтение данных наставничества и три записи (запрос наставляемого, встреча в дневнике, оценка "
    "встречи) с теми же правами, что на страницах. Ключ: `nastavnik api-token create --user ЛОГИН` или "
    "страница «Доступ к API»; заголовок `Authorization: Bearer <ключ>`.",
    urls_namespace="api:v1",
    auth=BearerKey(),
    throttle=[PerKeyThrottle()],
    docs=OfflineSwagger(),
    docs_url="/docs",
)

for module in (directory, bases, pairs, figures):
    api.add_router("", module.router)
errors.install(api)


@api.exception_handler(AuthenticationError)
def unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(request, {"detail": NO_KEY}, status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    text = TOO_MANY.format(rate=rate_per_minute(), wait=int(exc.wait or 60) + 1)
    return api.create_response(request, {"detail": text}, status=429)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    text = str(exc) if exc.args else "Не найдено"
    return api.create_response(request, {"detail": text}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Недостаточно прав"}, status=403)
