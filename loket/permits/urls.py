from django.urls import path

from loket.permits import views

app_name = "permits"
urlpatterns = [
    path("ajukan/<int:service_id>/", views.apply, name="apply"),
    path("loket/terima/", views.counter, name="counter"),
    path("permohonan/", views.mine, name="mine"),
    path("permohonan/<int:pk>/", views.detail, name="detail"),
    path("permohonan/<int:pk>/tanda-terima/", views.receipt, name="receipt"),
    path("permohonan/<int:pk>/tanda-terima.pdf", views.receipt_pdf, name="receipt_pdf"),
    path("permohonan/<int:pk>/kartu-kendali.pdf", views.card_pdf, name="card_pdf"),
    path("permohonan/<int:pk>/draf.pdf", views.draft_pdf, name="draft_pdf"),
    path("permohonan/<int:pk>/terima/", views.receive, name="receive"),
    path("permohonan/<int:pk>/selesaikan/", views.complete, name="complete"),
    path("permohonan/<int:pk>/kembalikan/", views.return_file, name="return"),
    path("permohonan/<int:pk>/kirim-ulang/", views.resubmit, name="resubmit"),
    path("dokumen/<int:pk>/", views.document, name="document"),
    path("kotak-masuk/", views.inbox, name="inbox"),
    path("lacak/", views.track, name="track"),
]
