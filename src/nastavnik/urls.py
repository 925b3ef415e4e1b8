from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from nastavnik.diary import urls as diary_urls
from nastavnik.diary import urls_awards as award_urls
from nastavnik.diary import urls_completion, urls_ical
from nastavnik.documents import urls as document_urls
from nastavnik.pairs import urls as pair_urls
from nastavnik.programmes import urls as programme_urls
from nastavnik.site import pairs as pair_page
from nastavnik.site import urls_cabinets, urls_programmes
from nastavnik.site.login import LoginView
from nastavnik.years import urls as year_urls

# One «programmes» namespace over the apps that serve programme pages from their own layers.
programmes = [*urls_programmes.urlpatterns, *programme_urls.urlpatterns, *urls_ical.urlpatterns, *year_urls.urlpatterns]
# One «pairs» namespace: the board, schemes and lifecycle (pairs), the pair page and the role cabinets
# (site), the meeting log, plans and completion (diary).
pairs = [
    *pair_urls.urlpatterns,
    path("<int:pk>/", pair_page.detail, name="detail"),
    *diary_urls.urlpatterns,
    *urls_completion.urlpatterns,
    *urls_cabinets.urlpatterns,
]

# A lost database or Redis connection is a 503 «try again shortly», not a server error.
handler500 = "nastavnik.site.health.server_error"
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
    path("pairs/", include((pairs, "pairs"))),
    path("district/", include("nastavnik.district.urls")),
    path("surveys/", include("nastavnik.surveys.urls")),
    path("programmes/", include((programmes, "programmes"))),
    # Awards (diary) keep the «documents» namespace and the URLs they were born under.
    path("documents/", include(([*document_urls.urlpatterns, *award_urls.urlpatterns], "documents"))),
    path("practices/", include("nastavnik.practices.urls")),
    path("projects/", include("nastavnik.projects.urls")),
    path("communities/", include("nastavnik.communities.urls")),
    path("courses/", include("nastavnik.courses.urls")),
    path("workshops/", include("nastavnik.workshops.urls")),
    path("monitoring/", include("nastavnik.monitoring.urls")),
    path("privacy/", include("nastavnik.privacy.urls")),
    path("api/v1/", include("nastavnik.api.urls")),
    path("admin/", admin.site.urls),
]
