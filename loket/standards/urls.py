from django.urls import path

from loket.standards import views

app_name = "standards"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("<slug:office>/<slug:code>/", views.detail, name="detail"),
    path("<slug:office>/<slug:code>/standar.pdf", views.standard_pdf, name="pdf"),
]
