from django.urls import path

from loket.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard_page, name="dashboard"),
    path("ekspor/<slug:slug>.<str:fmt>", views.dashboard_export, name="dashboard_export"),
    path("pengawasan/", views.supervision_page, name="supervision"),
    path(
        "pengawasan/ekspor/<slug:slug>.<str:fmt>",
        views.supervision_export,
        name="supervision_export",
    ),
    path("kartu-kendali.pdf", views.cards_of_period, name="cards"),
    path("kartu-kendali/<int:pk>.pdf", views.card_of_file, name="card"),
    path("kinerja/", views.performance_page, name="performance"),
    path(
        "kinerja/ekspor/<slug:slug>.<str:fmt>",
        views.performance_export,
        name="performance_export",
    ),
]
