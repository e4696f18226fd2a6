from django.urls import path

from loket.notify import views

app_name = "notify"
urlpatterns = [
    path("gagal/", views.failed, name="failed"),
    path("<int:pk>/kirim-ulang/", views.retry, name="retry"),
    path("surat/", views.letters, name="letters"),
    path("surat/<int:pk>.pdf", views.letter_pdf, name="letter_pdf"),
    path("surat/<int:pk>/terkirim/", views.letter_sent, name="letter_sent"),
]
