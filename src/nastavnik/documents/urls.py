from __future__ import annotations

from nastavnik.documents.urls_awards import urlpatterns as award_urlpatterns

app_name = "documents"
urlpatterns: list = []  # type: ignore[type-arg]

# Certificates «Лучший наставник» and letters of thanks.
urlpatterns += award_urlpatterns
