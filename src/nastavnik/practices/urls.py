from __future__ import annotations

app_name = "practices"
urlpatterns: list = []  # type: ignore[type-arg]
