from django.urls import path

from loket.core import views

app_name = "core"
urlpatterns = [path("tugas-berkala/", views.jobs, name="jobs")]
