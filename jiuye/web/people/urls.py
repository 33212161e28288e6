from django.urls import path

from jiuye.web.people import views

app_name = "people"

urlpatterns = [
    path("ledger/", views.person_list, name="list"),
    path("ledger/export/", views.export, name="export"),
    path("ledger/export/<int:pk>/", views.export_job, name="export_job"),
    path("ledger/export/<int:pk>/download", views.export_download, name="export_download"),
    path("ledger/template.xlsx", views.template_file, name="template"),
    path("ledger/people/new/", views.person_create, name="create"),
    path("ledger/people/<int:pk>/", views.person_detail, name="detail"),
    path("ledger/people/<int:pk>/edit/", views.person_edit, name="edit"),
    path("ledger/people/<int:pk>/status/", views.record_status, name="status"),
    path("ledger/people/<int:pk>/reveal/", views.reveal, name="reveal"),
    path("ledger/people/<int:pk>/skills/", views.person_skills, name="skills"),
    path(
        "ledger/people/<int:pk>/skills/<int:skill_pk>/remove/",
        views.skill_remove,
        name="skill_remove",
    ),
    path(
        "ledger/people/<int:pk>/certificates/<int:certificate_pk>/remove/",
        views.certificate_remove,
        name="certificate_remove",
    ),
    path("ledger/households/<int:pk>/", views.household_detail, name="household"),
    path("ledger/import/", views.import_upload, name="import"),
    path("ledger/import/<int:pk>/", views.import_job, name="import_job"),
    path("ledger/import/<int:pk>/report.xlsx", views.import_report, name="import_report"),
]
