from django.urls import path

from loket.accounts import two_factor_views, views

app_name = "accounts"
urlpatterns = [
    path("daftar/", views.register, name="register"),
    path("verifikasi/", two_factor_views.two_factor_page, name="two_factor"),
]
