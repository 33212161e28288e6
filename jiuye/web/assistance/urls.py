from django.urls import path

from jiuye.web.assistance import views_cases, views_certifications, views_posts

app_name = "assistance"

urlpatterns = [
    path("assistance/", views_certifications.index, name="index"),
    path("assistance/notice/", views_certifications.public_notice, name="public_notice"),
    path(
        "assistance/certifications/",
        views_certifications.certification_list,
        name="certifications",
    ),
    path(
        "assistance/certifications/new/",
        views_certifications.certification_new,
        name="certification_new",
    ),
    path(
        "assistance/certifications/<int:pk>/",
        views_certifications.certification_detail,
        name="certification",
    ),
    path(
        "assistance/certifications/<int:pk>/act/",
        views_certifications.certification_act,
        name="certification_act",
    ),
    path("assistance/apply/", views_certifications.self_application, name="self_application"),
    path("assistance/cases/", views_cases.case_list, name="cases"),
    path("assistance/cases/<int:pk>/", views_cases.case_detail, name="case"),
    path("assistance/cases/<int:pk>/close/", views_cases.case_close, name="case_close"),
    path("assistance/cases/<int:pk>/offer/", views_cases.case_offer, name="case_offer"),
    path(
        "assistance/cases/<int:pk>/refused/",
        views_cases.case_mark_refused,
        name="case_mark_refused",
    ),
    path("assistance/visits/due/", views_cases.visits_due, name="visits_due"),
    path("assistance/visits/new/", views_cases.visit_new, name="visit_new"),
    path("assistance/tasks/<int:pk>/done/", views_cases.task_done, name="task_done"),
    path(
        "assistance/households/<int:pk>/visits/",
        views_cases.household_visits,
        name="household_visits",
    ),
    path("assistance/posts/", views_posts.post_list, name="posts"),
    path("assistance/posts/new/", views_posts.post_new, name="post_new"),
    path("assistance/posts/<int:pk>/", views_posts.post_detail, name="post"),
    path("assistance/posts/<int:pk>/month/", views_posts.post_month, name="post_month"),
    path("assistance/allocation/", views_posts.allocation, name="allocation"),
    path(
        "assistance/allocation/runs/<int:pk>/",
        views_posts.allocation_run,
        name="allocation_run",
    ),
    path("assistance/placements/<int:pk>/", views_posts.placement_detail, name="placement"),
    path(
        "assistance/placements/<int:pk>/month/",
        views_posts.placement_month,
        name="placement_month",
    ),
    path("assistance/placements/<int:pk>/end/", views_posts.placement_end, name="placement_end"),
    path("assistance/subsidy-roll.xlsx", views_posts.subsidy_roll, name="subsidy_roll"),
]
