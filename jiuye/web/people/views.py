"""The ledger's pages: list and search, person, household, forms, import, export."""

import functools
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jiuye.accounts.audit import record_event
from jiuye.people import exporting, services, skills
from jiuye.people.enums import EmploymentStatus, PersonGroup
from jiuye.people.importing.engine import ImportResult, Problem
from jiuye.people.importing.report import column_title, write_report
from jiuye.people.models import (
    Certificate,
    EmploymentSpell,
    ExportJob,
    GroupMembership,
    Household,
    ImportJob,
    Person,
    Skill,
)
from jiuye.people.selectors import filtered_people, open_spell, zero_employment_households
from jiuye.people.tasks import forget_expired_exports, run_export_job, run_import_job
from jiuye.web.people.forms import (
    CertificateForm,
    ImportForm,
    LedgerFilterForm,
    PersonForm,
    SkillForm,
    StatusForm,
)
from jiuye.web.people.nav import may_use_ledger

PAGE_SIZE = 50
# Longer lists are exported by a background job: writing 100,000 rows takes ~7 s as CSV and
# longer as XLSX, and a web worker gets 30 s (docs/benchmarks-ledger.md).
SYNC_EXPORT_ROWS = 20_000


def ledger_staff(view):
    """Area staff and superusers only; anyone else gets a 404, as for an object outside
    their area."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not may_use_ledger(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _filters(request) -> tuple[LedgerFilterForm, dict]:
    form = LedgerFilterForm(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_valid() else {}
    return form, data


@require_GET
@ledger_staff
def person_list(request: HttpRequest) -> HttpResponse:
    form, data = _filters(request)
    people = (
        filtered_people(request.user, data)
        .annotate(current_status=open_spell("status"))  # for the page's rows only
        .select_related("region", "household")
    )
    page = Paginator(people.order_by("region_id", "name", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    labels = dict(EmploymentStatus.choices)
    for person in page:
        person.status_label = labels.get(person.current_status)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_reveal": request.user.can_reveal_id_numbers,
    }
    if request.htmx and request.htmx.target == "results":
        return render(request, "people/_results.html", context)
    since = timezone.now() - ExportJob.KEPT_FOR
    context["exports"] = ExportJob.objects.filter(created_by=request.user, created_at__gte=since)[
        :5
    ]
    return render(request, "people/list.html", context)


@require_GET
@ledger_staff
def export(request: HttpRequest) -> HttpResponse:
    _form, data = _filters(request)
    full = request.GET.get("full") == "1"
    if full and not request.user.can_reveal_id_numbers:
        raise PermissionDenied
    people = filtered_people(request.user, data)
    kind = "csv" if request.GET.get("format") == "csv" else "xlsx"
    filters = {k: v for k, v in data.items() if v}
    background = people.count() > SYNC_EXPORT_ROWS
    if background and full:
        # A file written in the background waits on disk: full ID numbers never do.
        messages.error(
            request,
            _(
                "Full ID numbers are exported for at most %(rows)s people at a time: narrow "
                "the list, or export it masked."
            )
            % {"rows": f"{SYNC_EXPORT_ROWS:,}"},
        )
        query = request.GET.copy()
        for key in ("format", "full"):
            query.pop(key, None)
        return redirect(f"{reverse('people:list')}?{query.urlencode()}")
    record_event(
        actor=request.user,
        action="person.export_full" if full else "person.export",
        area_code=request.user.area_code,
        changes={"filters": filters, "format": kind, "background": background},
        request=request,
    )
    if background:
        # Too long to write while the page waits: a job writes the file, the page follows it.
        forget_expired_exports()
        job = ExportJob.objects.create(created_by=request.user, filters=filters, format=kind)
        transaction.on_commit(lambda: run_export_job.enqueue(job.pk))
        return redirect("people:export_job", pk=job.pk)
    rows = exporting.ledger_rows(people, full_numbers=full)
    stamp = timezone.localdate().isoformat()
    if kind == "csv":
        response = StreamingHttpResponse(
            exporting.csv_lines(rows), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            exporting.to_xlsx(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="ledger-{stamp}.{kind}"'
    return response


@require_GET
@ledger_staff
def template_file(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        exporting.template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="ledger-template.xlsx"'
    return response


def _person_for(request, pk: int) -> Person:
    return get_object_or_404(
        Person.objects.visible_to(request.user).select_related(
            "region", "current_region", "household"
        ),
        pk=pk,
    )


def _skills_of(person: Person) -> tuple[list[Skill], list[Certificate]]:
    """The person's skills and certificates, each with the name of its occupation."""
    skill_list = list(person.skills.order_by("occupation_code"))
    certificates = list(person.certificates.order_by("-issued_on", "id"))
    names = skills.occupation_names(
        [s.occupation_code for s in skill_list]
        + [c.occupation_code for c in certificates if c.occupation_code]
    )
    for item in (*skill_list, *certificates):
        item.occupation_name = names.get(item.occupation_code, "")
    return skill_list, certificates


@require_GET
@ledger_staff
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_for(request, pk)
    spells = list(
        EmploymentSpell.objects.filter(person=person)
        .select_related("region")
        .order_by("-start", "-id")
    )
    groups = list(GroupMembership.objects.filter(person=person).order_by("end", "group"))
    skill_list, certificates = _skills_of(person)
    members = []
    if person.household_id:
        members = list(
            Person.objects.filter(household_id=person.household_id)
            .exclude(pk=person.pk)
            .annotate(current_status=open_spell("status"))
            .order_by("birth_date")
        )
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "spells": spells,
            "current": next((s for s in spells if s.end is None), None),
            "groups": groups,
            "skills": skill_list,
            "certificates": certificates,
            "members": members,
            "statuses": EmploymentStatus.choices,
            "age": person.age_on(timezone.localdate()),
            "can_reveal": request.user.can_reveal_id_numbers,
        },
    )


@require_POST
@ledger_staff
def reveal(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_for(request, pk)
    try:
        number = services.reveal_id_number(person=person, by=request.user, request=request)
    except PermissionError:
        raise PermissionDenied from None
    return render(request, "people/_revealed.html", {"number": number})


def _person_form_data(form) -> dict:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "region_code": data["region_code"],
        "phone": data["phone"],
        "education": data["education"],
        "household_number": data["household_number"].strip(),
        "relation": data["relation"],
        "groups": data["groups"],
        "group_details": data["group_details"],
        "ethnicity": data["ethnicity"],
        "current_region_code": data["current_region_code"],
    }


@require_http_methods(["GET", "POST"])
@ledger_staff
def person_create(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.add_person(
                id_number=form.cleaned_data["id_number"],
                by=request.user,
                **_person_form_data(form),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("%(name)s was added to the ledger.") % {"name": person})
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/form.html", {"form": form, "person": None})


@require_http_methods(["GET", "POST"])
@ledger_staff
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_for(request, pk)
    initial = {
        "name": person.name,
        "phone": person.phone,
        "region_code": person.region_id,
        "education": person.education,
        "household_number": person.household.number if person.household else "",
        "relation": person.relation,
        "ethnicity": person.ethnicity,
        "current_region_code": person.current_region_id or "",
    }
    open_groups = dict(person.groups.filter(end__isnull=True).values_list("group", "detail"))
    initial["groups"] = list(open_groups)
    initial["disability_level"] = open_groups.get(PersonGroup.DISABLED, "")
    initial["graduation_year"] = open_groups.get(PersonGroup.COLLEGE_GRADUATE) or None
    form = PersonForm(request.POST or None, initial=initial, user=request.user, editing=True)
    if request.method == "POST" and form.is_valid():
        services.update_person(person=person, by=request.user, **_person_form_data(form))
        messages.success(request, _("Saved."))
        return redirect("people:detail", pk=person.pk)
    return render(request, "people/form.html", {"form": form, "person": person})


@require_http_methods(["GET", "POST"])
@ledger_staff
def record_status(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_for(request, pk)
    initial = {"status": request.GET.get("status", ""), "start": timezone.localdate()}
    form = StatusForm(request.POST or None, initial=initial, person=person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_employment_status(
                person=person,
                status=data["status"],
                start=data["start"],
                source="form",
                by=request.user,
                region_code=data["region_code"] or None,
                employer_name=data["employer_name"],
                monthly_income=data["monthly_income"],
            )
        except ValidationError as exc:
            form.add_error("start", exc.message_dict.get("start", exc.messages))
        else:
            messages.success(request, _("The new status is recorded."))
            return redirect("people:detail", pk=person.pk)
    context = {"form": form, "person": person, "current": services.current_spell(person)}
    return render(request, "people/status_form.html", context)


@require_http_methods(["GET", "POST"])
@ledger_staff
def person_skills(request: HttpRequest, pk: int) -> HttpResponse:
    """The person's skills and certificates, with a form to add each."""
    person = _person_for(request, pk)
    which = request.POST.get("form") if request.method == "POST" else None
    skill_form = SkillForm(request.POST if which == "skill" else None, prefix="skill")
    certificate_form = CertificateForm(
        request.POST if which == "certificate" else None, prefix="certificate"
    )
    if which == "skill" and skill_form.is_valid():
        skills.add_skill(
            person=person, occupation_code=skill_form.cleaned_data["occupation"], by=request.user
        )
        messages.success(request, _("The skill is recorded."))
        return redirect("people:skills", pk=person.pk)
    if which == "certificate" and certificate_form.is_valid():
        data = certificate_form.cleaned_data
        skills.add_certificate(
            person=person,
            by=request.user,
            occupation_code=skills.resolve_occupation(data["name"]),
            **data,
        )
        messages.success(request, _("The certificate is recorded."))
        return redirect("people:skills", pk=person.pk)
    skill_list, certificates = _skills_of(person)
    return render(
        request,
        "people/skills.html",
        {
            "person": person,
            "skills": skill_list,
            "certificates": certificates,
            "skill_form": skill_form,
            "certificate_form": certificate_form,
        },
    )


@require_POST
@ledger_staff
def skill_remove(request: HttpRequest, pk: int, skill_pk: int) -> HttpResponse:
    person = _person_for(request, pk)
    skills.remove_skill(skill=get_object_or_404(person.skills, pk=skill_pk), by=request.user)
    return redirect("people:skills", pk=person.pk)


@require_POST
@ledger_staff
def certificate_remove(request: HttpRequest, pk: int, certificate_pk: int) -> HttpResponse:
    person = _person_for(request, pk)
    certificate = get_object_or_404(person.certificates, pk=certificate_pk)
    skills.remove_certificate(certificate=certificate, by=request.user)
    return redirect("people:skills", pk=person.pk)


@require_GET
@ledger_staff
def household_detail(request: HttpRequest, pk: int) -> HttpResponse:
    household = get_object_or_404(
        Household.objects.visible_to(request.user).select_related("region", "head"), pk=pk
    )
    today = timezone.localdate()
    members = list(
        Person.objects.filter(household=household)
        .annotate(
            current_status=open_spell("status"),
            current_employer=open_spell("employer_name"),
        )
        .prefetch_related(
            Prefetch("groups", queryset=GroupMembership.objects.filter(end__isnull=True))
        )
        .order_by("birth_date")
    )
    labels = dict(EmploymentStatus.choices)
    for member in members:
        member.age = member.age_on(today)
        member.status_label = labels.get(member.current_status)
    zero = zero_employment_households(as_of=today).filter(pk=household.pk).exists()
    return render(
        request,
        "people/household.html",
        {"household": household, "members": members, "zero_employment": zero},
    )


@require_http_methods(["GET", "POST"])
@ledger_staff
def import_upload(request: HttpRequest) -> HttpResponse:
    if not request.user.area_code:
        raise Http404  # imports go into an area; a superuser imports with the command
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = ImportJob.objects.create(
            region_id=request.user.area_code,
            created_by=request.user,
            file=upload,
            original_name=upload.name[:200],
            dry_run=form.cleaned_data["dry_run"],
            skip_invalid=form.cleaned_data["skip_invalid"],
        )
        language = translation.get_language()
        transaction.on_commit(lambda: run_import_job.enqueue(job.pk, language))
        return redirect("people:import_job", pk=job.pk)
    jobs = ImportJob.objects.visible_to(request.user).select_related("created_by")[:10]
    return render(request, "people/import.html", {"form": form, "jobs": jobs})


def _job_for(request, pk: int) -> ImportJob:
    return get_object_or_404(ImportJob.objects.visible_to(request.user), pk=pk)


@require_GET
@ledger_staff
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    problems = [
        {**problem, "column_title": column_title(problem["column"])}
        for problem in job.problems[:200]
    ]
    context = {"job": job, "problems": problems, "more": max(len(job.problems) - 200, 0)}
    if request.htmx:
        return render(request, "people/_job.html", context)
    return render(request, "people/import_job.html", context)


@require_GET
@ledger_staff
def import_report(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    if not job.is_finished:
        raise Http404
    result = ImportResult(
        rows=job.rows_done,
        new=job.new,
        updated=job.updated,
        unchanged=job.unchanged,
        rejected=job.rejected,
        written=job.written,
        problems=[Problem(**p) for p in job.problems],
    )
    buffer = io.BytesIO()
    write_report(result, buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-report.xlsx"'
    return response


def _export_for(request, pk: int) -> ExportJob:
    """An export is its requester's alone: it holds people's names, phones and areas."""
    return get_object_or_404(ExportJob.objects.filter(created_by=request.user), pk=pk)


@require_GET
@ledger_staff
def export_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = _export_for(request, pk)
    template = "people/_export_job.html" if request.htmx else "people/export_job.html"
    return render(request, template, {"job": job, "expired": _expired(job)})


def _expired(job: ExportJob) -> bool:
    return job.expires_at is not None and timezone.now() >= job.expires_at


@require_GET
@ledger_staff
def export_download(request: HttpRequest, pk: int) -> HttpResponse:
    job = _export_for(request, pk)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404
    if _expired(job):
        forget_expired_exports()
        return HttpResponse(_("This export has expired: export the list again."), status=410)
    record_event(
        actor=request.user,
        action="person.export_download",
        area_code=request.user.area_code,
        changes={"export": job.pk, "rows": job.rows_done},
        request=request,
    )
    content_type = (
        "text/csv; charset=utf-8"
        if job.format == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = job.file.name.rsplit("/", 1)[-1]
    return FileResponse(
        job.file.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
