from django.urls import path

from loket.accounts import data_views, two_factor_views, views

app_name = "accounts"
urlpatterns = [
    path("daftar/", views.register, name="register"),
    path("verifikasi/", two_factor_views.two_factor_page, name="two_factor"),
    path("data-saya/", data_views.my_data, name="my_data"),
    path("data-saya.json", data_views.my_data_json, name="my_data_json"),
    path("data-saya.pdf", data_views.my_data_pdf, name="my_data_pdf"),
    path(
        "permohonan/<int:pk>/koreksi-identitas/",
        data_views.correct_identity,
        name="correct_identity",
    ),
]
