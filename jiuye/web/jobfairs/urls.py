from django.urls import path

from jiuye.web.jobfairs import views

app_name = "jobfairs"

urlpatterns = [
    path("fairs/", views.fair_list, name="list"),
    path("fairs/new/", views.fair_create, name="create"),
    path("fairs/<int:pk>/", views.fair_page, name="fair"),
    path("fairs/<int:pk>/qr.svg", views.fair_qr, name="fair_qr"),
    path("fairs/<int:pk>/register/", views.fair_register, name="register"),
    path("fairs/<int:pk>/ticket.svg", views.ticket_qr, name="ticket_qr"),
    path("fairs/<int:pk>/apply/<int:vacancy_pk>/", views.fair_apply, name="apply"),
    path("fairs/<int:pk>/sign-up/", views.fair_sign_up, name="sign_up"),
    path("fairs/<int:pk>/manage/", views.fair_manage, name="manage"),
    path(
        "fairs/<int:pk>/participants/<int:participant_pk>/decide/",
        views.participant_decide,
        name="decide",
    ),
    path("fairs/<int:pk>/check-in/", views.fair_check_in, name="check_in"),
]
