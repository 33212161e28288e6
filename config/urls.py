from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from jiuye.api.urls import api


def _api_urls():
    """The API decides access itself (session or none, per endpoint), so the site-wide
    LoginRequiredMiddleware must not redirect its requests to the login page."""
    patterns, app_name, namespace = api.urls
    stack = list(patterns)
    while stack:
        pattern = stack.pop()
        if hasattr(pattern, "url_patterns"):
            stack.extend(pattern.url_patterns)
        else:
            pattern.callback.login_required = False
    return patterns, app_name, namespace


urlpatterns = [
    path("", include("jiuye.web.core.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", _api_urls()),
    path("admin/", admin.site.urls),
]

# Page areas register their own URLs; an area not built yet has no urls module.
for area in ("accounts", "people", "assistance", "platform", "jobfairs", "stats"):
    try:
        urlpatterns.append(path("", include(f"jiuye.web.{area}.urls")))
    except ModuleNotFoundError as exc:
        if exc.name not in (f"jiuye.web.{area}.urls", f"jiuye.web.{area}"):
            raise
