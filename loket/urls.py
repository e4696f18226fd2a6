from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from loket import views
from loket.accounts.views import SignInView
from loket.lib.lazy_urls import lazy_include
from loket.permits import verify_views

urlpatterns = [
    path("", views.home, name="home"),
    path("masuk/", SignInView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/", include("loket.accounts.urls")),
    path("layanan/", include("loket.standards.urls")),
    path("", include("loket.permits.urls")),
    path("pengaduan/", include("loket.complaints.urls")),
    path("survei/", include("loket.surveys.urls")),
    path("pesan/", include("loket.notify.urls")),
    path("v/<str:code>", verify_views.verify, name="verify"),
    path("izin/", include("loket.permits.issuance_urls")),
    path("laporan/", include("loket.reports.urls")),
    path("audit/", include("loket.audit.urls")),
    path("kantor/", include("loket.core.urls")),
    # The API (django-ninja, pydantic) loads on its first request or reverse("api:...").
    lazy_include("api/v1/", "loket.api_urls", app_name="ninja", namespace="api"),
    path("admin/", admin.site.urls),
    # The language switch is on every page. Without a CSRF token: all it does is set the
    # visitor's language cookie (a forged switch changes nothing but the language, undone
    # with one click), and a token would mint a secret and set a cookie on every
    # visitor's first page (docs/security.md).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
]

handler400 = "loket.views.bad_request"
handler403 = "loket.views.forbidden"
handler404 = "loket.views.not_found"
