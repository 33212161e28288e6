"""User management for city administrators and county officers, and the audit log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jiuye.accounts import services
from jiuye.accounts.models import AuditEvent, User
from jiuye.web.accounts.forms import AuditFilterForm, UserCreateForm, UserFilterForm

PAGE_SIZE = 50


def _require_manager(request: HttpRequest) -> None:
    if not request.user.can_manage_users:
        raise PermissionDenied


def _get_user_for_manager(request: HttpRequest, pk: int) -> User:
    _require_manager(request)
    return get_object_or_404(
        User.objects.visible_to(request.user).select_related(
            "region", "employer", "institution", "person"
        ),
        pk=pk,
    )


def _can_act_on(by: User, target: User) -> bool:
    try:
        services.require_can_act_on(by, target)
    except PermissionDenied:
        return False
    return True


@require_GET
def user_list(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = UserFilterForm(request.GET or None)
    users = User.objects.visible_to(request.user).select_related(
        "region", "employer", "institution", "person"
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            q = data["q"].strip()
            users = users.filter(
                Q(username__icontains=q) | Q(first_name__icontains=q) | Q(last_name__icontains=q)
            )
        if data["role"]:
            users = users.filter(role=data["role"])
        if data["status"]:
            users = users.filter(is_active=data["status"] == "active")
    page = Paginator(users.order_by("username", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/user_list.html",
        {"form": form, "page": page, "query": _query_without_page(request)},
    )


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@never_cache
@require_http_methods(["GET", "POST"])
def user_create(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = UserCreateForm(request.POST or None, manager=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, password = services.create_user(
                by=request.user,
                username=data["username"],
                role=data["role"],
                first_name=data["first_name"],
                phone=data["phone"],
                region=data["region"],
                employer=data["employer"],
                institution=data["institution"],
                request=request,
            )
        except ValidationError as error:
            _add_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("That area lies outside your own."))
        else:
            return render(
                request,
                "accounts/password_shown.html",
                {"target": user, "password": password, "created": True},
            )
    status = 400 if form.errors else 200
    return render(request, "accounts/user_form.html", {"form": form}, status=status)


def _add_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


@require_GET
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    target = _get_user_for_manager(request, pk)
    events = (
        AuditEvent.objects.visible_to(request.user)
        .filter(object_type="accounts.user", object_id=str(target.pk))
        .order_by("-at", "-id")[:20]
    )
    return render(
        request,
        "accounts/user_detail.html",
        {
            "target": target,
            "area_code": services.user_area_code(target),
            "can_act": _can_act_on(request.user, target),
            "events": events,
            "can_see_audit_log": request.user.can_see_audit_log,
        },
    )


@require_POST
def user_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    target = _get_user_for_manager(request, pk)
    active = request.POST.get("active") == "1"
    services.set_user_active(by=request.user, user=target, active=active, request=request)
    if active:
        messages.success(request, _("%(user)s can log in again.") % {"user": target.username})
    else:
        messages.success(
            request, _("%(user)s is deactivated and can no longer log in.") % {"user": target}
        )
    return redirect("accounts:user_detail", pk=target.pk)


@never_cache
@require_POST
def user_reset_password(request: HttpRequest, pk: int) -> HttpResponse:
    target = _get_user_for_manager(request, pk)
    password = services.reset_password(by=request.user, user=target, request=request)
    return render(
        request,
        "accounts/password_shown.html",
        {"target": target, "password": password, "created": False},
    )


@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    if not request.user.can_see_audit_log:
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None, viewer=request.user)
    events = AuditEvent.objects.visible_to(request.user)
    if form.is_bound and form.is_valid():
        events = form.filter(events)
    elif form.is_bound:
        events = events.none()
    page = Paginator(events.order_by("-at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/audit_log.html",
        {"form": form, "page": page, "query": _query_without_page(request)},
        status=400 if form.is_bound and form.errors else 200,
    )
