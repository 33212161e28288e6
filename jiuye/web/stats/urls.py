from django.urls import path

from jiuye.web.stats import views

app_name = "stats"
urlpatterns = [
    path("stats/", views.dashboard, name="dashboard"),
    path("stats/records/<slug:code>/", views.records, name="records"),
    path("stats/report/", views.report_page, name="report"),
    path("stats/report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("stats/targets/", views.targets, name="targets"),
]
