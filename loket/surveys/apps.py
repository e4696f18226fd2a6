from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "loket.surveys"
