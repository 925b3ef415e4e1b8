from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from nastavnik.documents import urls as document_urls
from nastavnik.pairs import urls_awards as award_urls
from nastavnik.pairs import urls_ical
from nastavnik.programmes import urls as programme_urls
from nastavnik.site import urls_programmes
from nastavnik.site.login import LoginView
from nastavnik.years import urls as year_urls

# One «programmes» namespace over the apps that serve programme pages from their own layers.
programmes = [*urls_programmes.urlpatterns, *programme_urls.urlpatterns, *urls_ical.urlpatterns, *year_urls.urlpatterns]

admin.site.site_header = "Наставник — администрирование"
admin.site.site_title = "Наставник"

urlpatterns = [
    path("", include("nastavnik.site.urls")),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("orgs/", include("nastavnik.site.urls_orgs")),
    path("people/", include("nastavnik.site.urls_people")),
    path("bases/", include("nastavnik.bases.urls")),
    path("imports/", include("nastavnik.imports.urls")),
    path("pairs/", include("nastavnik.pairs.urls")),
    path("district/", include("nastavnik.district.urls")),
    path("surveys/", include("nastavnik.surveys.urls")),
    path("programmes/", include((programmes, "programmes"))),
    # Awards (pairs) keep the «documents» namespace and the URLs they were born under.
    path("documents/", include(([*document_urls.urlpatterns, *award_urls.urlpatterns], "documents"))),
    path("practices/", include("nastavnik.practices.urls")),
    path("monitoring/", include("nastavnik.monitoring.urls")),
    path("privacy/", include("nastavnik.privacy.urls")),
    path("admin/", admin.site.urls),
]
