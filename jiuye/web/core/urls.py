from django.contrib.auth.decorators import login_not_required
from django.urls import path
from django.views.i18n import set_language

from jiuye.web.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("areas/search/", views.area_search, name="area_search"),
    # Django's set_language, open to anonymous visitors so the login page can switch
    # language. It shadows the same path in django.conf.urls.i18n (included after this).
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
]
