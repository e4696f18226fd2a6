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
]
