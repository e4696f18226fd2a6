from django.urls import path

from bench import views
from loket.urls import urlpatterns as loket_urlpatterns

urlpatterns = [
    path("bench/baseline/", views.baseline, name="bench-baseline"),
    path("bench/floor/", views.floor, name="bench-floor"),
    *loket_urlpatterns,
]
