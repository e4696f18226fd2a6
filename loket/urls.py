from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

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
    path("i18n/", include("django.conf.urls.i18n")),
]

handler400 = "loket.views.bad_request"
handler403 = "loket.views.forbidden"
handler404 = "loket.views.not_found"
