from django.urls import path

from loket.surveys import views

app_name = "surveys"
urlpatterns = [
    path("u/<str:token>/", views.invited, name="invited"),
    path("isi/<slug:office>/<slug:code>/", views.fill, name="fill"),
    path("kios/<slug:office>/<slug:code>/", views.kiosk, name="kiosk"),
    path("qr/<slug:office>/<slug:code>/", views.qr_poster, name="qr"),
    path("perangkat-kios/", views.kiosk_devices, name="kiosk_devices"),
    path("perangkat-kios/<int:pk>/cabut/", views.revoke_kiosk, name="revoke_kiosk"),
    path("ditahan/<int:pk>/hitung/", views.accept_held, name="accept_held"),
    path("terima-kasih/", views.thanks, name="thanks"),
    path("saya/", views.mine, name="mine"),
    path("laporan/", views.report_page, name="report"),
    path("laporan.pdf", views.report_pdf, name="report_pdf"),
    path("laporan.xlsx", views.report_xlsx, name="report_xlsx"),
    path("pengaturan/", views.set_period, name="settings"),
    path("tindak-lanjut/<int:pk>/", views.follow_up, name="follow_up"),
    path("tindak-lanjut/<int:pk>/setujui/", views.approve, name="approve"),
]
