from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from nastavnik.documents import urls as document_urls
from nastavnik.pairs import urls_awards as award_urls

admin.site.site_header = "Наставник — администрирование"
admin.site.site_title = "Наставник"

urlpatterns = [
    path("", include("nastavnik.site.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("orgs/", include("nastavnik.orgs.urls")),
    path("people/", include("nastavnik.people.urls")),
    path("bases/", include("nastavnik.bases.urls")),
    path("imports/", include("nastavnik.imports.urls")),
    path("pairs/", include("nastavnik.pairs.urls")),
    path("district/", include("nastavnik.district.urls")),
    path("surveys/", include("nastavnik.surveys.urls")),
    path("programmes/", include("nastavnik.programmes.urls")),
    # Awards (pairs) keep the «documents» namespace and the URLs they were born under.
    path("documents/", include(([*document_urls.urlpatterns, *award_urls.urlpatterns], "documents"))),
    path("practices/", include("nastavnik.practices.urls")),
    path("monitoring/", include("nastavnik.monitoring.urls")),
    path("privacy/", include("nastavnik.privacy.urls")),
    path("admin/", admin.site.urls),
]
