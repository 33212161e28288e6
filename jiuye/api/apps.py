from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "jiuye.api"
    verbose_name = "API"
