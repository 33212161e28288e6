from django.urls import path

from jiuye.web.platform.views import applications, board, employers, vacancies

app_name = "platform"

urlpatterns = [
    path("jobs/", board.board, name="board"),
    path("jobs/<int:pk>/", board.vacancy_page, name="vacancy"),
    path("jobs/<int:pk>/qr.svg", board.vacancy_qr, name="vacancy_qr"),
    path("jobs/<int:pk>/apply/", applications.apply_online, name="apply"),
    path("employers/register/", employers.employer_register, name="employer_register"),
    path("seekers/register/", applications.seeker_register, name="seeker_register"),
    path("platform/me/", applications.seeker_home, name="seeker_home"),
    path("platform/employers/", employers.employer_list, name="employers"),
    path("platform/employers/new/", employers.employer_create, name="employer_create"),
    path("platform/employers/<int:pk>/verify/", employers.employer_verify, name="employer_verify"),
    path("platform/vacancies/", vacancies.vacancy_list, name="vacancies"),
    path("platform/vacancies/new/", vacancies.vacancy_create, name="vacancy_create"),
    path("platform/vacancies/<int:pk>/", vacancies.vacancy_manage, name="vacancy_manage"),
    path("platform/vacancies/<int:pk>/edit/", vacancies.vacancy_edit, name="vacancy_edit"),
    path(
        "platform/vacancies/<int:pk>/<slug:action>/",
        vacancies.vacancy_action,
        name="vacancy_action",
    ),
    path("platform/applications/", applications.inbox, name="inbox"),
    path(
        "platform/applications/record/", applications.record_application, name="record_application"
    ),
    path("platform/applications/<int:pk>/", applications.application_detail, name="application"),
    path(
        "platform/applications/<int:pk>/move/",
        applications.application_move,
        name="application_move",
    ),
    path("platform/seekers/new/", applications.seeker_register_by_staff, name="seeker_create"),
]
