from django.urls import path

from loket.complaints import views

app_name = "complaints"
urlpatterns = [
    path("", views.new, name="new"),
    path("lacak/", views.track, name="track"),
    path("saya/", views.mine, name="mine"),
    path("kotak-masuk/", views.inbox, name="inbox"),
    path("catat/", views.record, name="record"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bobot/", views.weigh, name="weigh"),
    path("<int:pk>/koordinasi/", views.coordinate, name="coordinate"),
    path("<int:pk>/jawab/", views.answer, name="answer"),
    path("<int:pk>/sampaikan/", views.deliver, name="deliver"),
    path("<int:pk>/surat-balasan.pdf", views.letter_pdf, name="letter_pdf"),
    path("lampiran/<int:pk>/", views.attachment, name="attachment"),
    path("buku/", views.register, name="register"),
    path("karantina/", views.quarantine, name="quarantine"),
    path("laporan/", views.reports, name="reports"),
    path("laporan/<int:pk>/", views.report, name="report"),
    path("laporan/<int:pk>/<str:what>/", views.report_action, name="report_action"),
    path(
        "laporan/<int:pk>/v<int:number>.<str:fmt>",
        views.report_file,
        name="report_file",
    ),
]
