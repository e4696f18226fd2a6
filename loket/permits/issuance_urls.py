from django.urls import path

from loket.permits import issuance_views as views

app_name = "issuance"
urlpatterns = [
    path("<int:pk>/izin.pdf", views.signed_pdf, name="signed_pdf"),
    path("<int:pk>/izin-diterima/", views.received, name="received"),
    path("<int:pk>/surat-kuasa/", views.proxy_document, name="proxy_document"),
    path("<int:pk>/serahkan/", views.collect, name="collect"),
    path("<int:pk>/cabut/", views.revoke, name="revoke"),
    path("<int:pk>/cetak-ulang-draf/", views.redraft, name="redraft"),
    path("<int:pk>/tandatangani/", views.sign, name="sign"),
    path("<int:pk>/tandatangani/dokumen.pdf", views.document_to_sign, name="document_to_sign"),
    path("<int:pk>/tandatangani/kirim-kode/", views.request_code, name="request_code"),
    path("sertifikat/", views.certificates, name="certificates"),
]
