"""HTML views of the permits app: each parses input, calls one action, renders."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms import FileField
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.accounts.forms import IdentityForm
from loket.accounts.views import add_action_errors
from loket.core.errors import ActionError, Invalid
from loket.core.roles import FRONT_OFFICE, acts_as, office_of, roles_of
from loket.core.storage import open_private
from loket.lib.ratelimit import asks, rate_limited
from loket.lib.responses import inline_pdf
from loket.permits import actions, cards, carried, outcomes, queries
from loket.permits.access import visible_applications, visible_documents
from loket.permits.answers import answer_rows, rows_for
from loket.permits.forms import ApplicationForm, ResubmitForm, requirement_field_name
from loket.standards.models import Service

INBOX_PAGE_SIZE = 50


@login_required
def apply(request, service_id):
    """The online application: the form, then the check-your-answers page (nothing
    stored), then the filing on confirm (docs/design.md "Check your answers")."""
    service = get_object_or_404(Service.objects.select_related("current", "office"), pk=service_id)
    try:
        applicant = actions.online_applicant(service.office, request.user)
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect("accounts:register")
    spec = service.current.spec
    salt = carried.salt(service, request.user)
    if request.method != "POST":
        form = ApplicationForm(spec=spec)
        return _apply_page(request, service, form, salt)
    # A filing carried from the check page ("payload") or documents carried back to
    # the form ("held"): anything not signed by us is refused, nothing is stored.
    field = "payload" if "payload" in request.POST else "held"
    held, data = {}, None
    if field in request.POST:
        try:
            data, held = carried.unpack(request.POST[field], request.POST, salt)
        except carried.Expired:
            messages.error(request, _("Halaman ini sudah terlalu lama terbuka. Isi formulir lagi."))
            return redirect("permits:apply", service.pk)
        except carried.Tampered:
            return HttpResponseBadRequest(
                _("Isian yang dikirim rusak atau diubah. Isi formulir lagi.")
            )
    if field == "payload":
        form = ApplicationForm(data, spec=spec, held=held)
        if "confirm" not in request.POST or not form.is_valid():
            # "Change": back to the form, filled in, the documents still attached.
            return _apply_page(request, service, form, salt)
        try:
            application = actions.file_online(service, applicant, form.filing())
        except ActionError as exc:
            _field_errors(form, exc)
            return _apply_page(request, service, form, salt)
        return redirect(reverse("permits:receipt", args=[application.pk]) + "?baru=1")
    form = ApplicationForm(request.POST, request.FILES, spec=spec, held=held)
    if form.is_valid():
        filing = form.filing()
        try:
            actions.check_online_filing(service, applicant, filing)
        except ActionError as exc:
            _field_errors(form, exc)
        else:
            answers = {
                name: request.POST.get(name, "")
                for name, f in form.fields.items()
                if not isinstance(f, FileField)
            }
            payload, hidden = carried.pack(answers, filing.uploads, salt)
            return render(
                request,
                "permits/check_answers.html",
                {
                    "service": service,
                    "kind": spec.kind(filing.kind),
                    "rows": rows_for(spec, filing.kind, form.answers),
                    "uploads": _upload_rows(spec, filing.uploads),
                    "payload": payload,
                    "hidden": hidden,
                },
            )
    return _apply_page(request, service, form, salt)


def _apply_page(request, service, form, salt):
    payload, hidden = carried.pack({}, list(form.held.values()), salt) if form.held else ("", [])
    return render(
        request,
        "permits/apply.html",
        {"form": form, "service": service, "held_payload": payload, "hidden": hidden},
    )


def _upload_rows(spec, uploads):
    names = {r.code: r.name for r in spec.requirements}
    return [
        {
            "label": names.get(u.requirement, u.requirement),
            "name": u.name,
            "size": len(u.data),
            "field": requirement_field_name(u.requirement),
        }
        for u in uploads
    ]


def _field_errors(form, exc):
    for key, message in exc.errors.items():
        field = f"doc_{key}"
        form.add_error(
            field if field in form.fields else (key if key in form.fields else None), message
        )
    form.add_error(None, exc.message)


@login_required
def counter(request):
    """The Front Office registers a walk-in applicant and files the scanned documents."""
    office = office_of(request.user)
    if office is None or not acts_as(request.user, FRONT_OFFICE, office):
        raise Http404
    services = Service.objects.filter(office=office, current__isnull=False)
    # An office with no standard loaded yet has nothing to file (404, not a crash).
    chosen = request.GET.get("service", "")
    if chosen:
        valid = chosen.isdigit() and len(chosen) < 19
        service = services.filter(pk=int(chosen)).first() if valid else None
    else:
        service = services.first()
    if service is None:
        raise Http404
    identity = IdentityForm(request.POST or None, prefix="p", office=office, at_counter=True)
    form = ApplicationForm(
        request.POST or None, request.FILES or None, spec=service.current.spec, prefix="a"
    )
    if request.method == "POST" and identity.is_valid() and form.is_valid():
        try:
            application = actions.file_at_counter(
                version=service.current,
                identity=identity.cleaned_data,
                filing=form.filing(),
                user=request.user,
                max_total_bytes=settings.APPLICATION_MAX_BYTES,
            )
        except ActionError as exc:
            if set(exc.errors) & set(identity.fields):
                add_action_errors(identity, exc)
            else:
                _field_errors(form, exc)
        else:
            return redirect("permits:receipt", application.pk)
    return render(
        request,
        "permits/counter.html",
        {"identity": identity, "form": form, "service": service, "services": services},
    )


@login_required
def receipt(request, pk):
    application = get_object_or_404(visible_applications(request.user), pk=pk)
    return render(
        request,
        "permits/receipt.html",
        {
            "application": application,
            "survey_url": cards.survey_link(application),
            # Just filed (the redirect after confirming): the confirmation panel.
            "just_filed": request.GET.get("baru") == "1",
        },
    )


@login_required
def receipt_pdf(request, pk):
    application = get_object_or_404(visible_applications(request.user), pk=pk)
    return inline_pdf(cards.receipt_pdf(application), f"tanda-terima-{application.reg_number}.pdf")


@login_required
def mine(request):
    applications = queries.application_list(visible_applications(request.user))
    return render(request, "permits/mine.html", {"applications": applications})


@login_required
def inbox(request):
    office = office_of(request.user)
    if office is None:
        raise Http404
    # A page of the soonest-due files: an office with thousands open still answers fast.
    page = Paginator(queries.inbox(office, roles_of(request.user)), INBOX_PAGE_SIZE).get_page(
        request.GET.get("hal")
    )
    late = queries.inbox(office, roles_of(request.user)).filter(is_late=True).count()
    # Each row shows what its own service's standard lists (form fields `show: [list]`)
    # and its step by name: services differ, so the columns cannot name fields.
    rows = [
        {
            "task": task,
            "step": task.application.spec.step(task.step_no),
            "details": answer_rows(task.application, place="list", mask_personal=True),
        }
        for task in page.object_list
    ]
    return render(
        request,
        "permits/inbox.html",
        {"rows": rows, "page": page, "late_count": late, "office": office},
    )


@login_required
def detail(request, pk):
    application = get_object_or_404(
        visible_applications(request.user).select_related("applicant", "version", "office"), pk=pk
    )
    return render(request, "permits/detail.html", queries.detail_context(application, request.user))


@login_required
def card_pdf(request, pk):
    application = get_object_or_404(visible_applications(request.user), pk=pk)
    return inline_pdf(
        cards.control_card_pdf(application), f"kartu-kendali-{application.reg_number}.pdf"
    )


@login_required
def draft_pdf(request, pk):
    application = get_object_or_404(visible_applications(request.user), pk=pk)
    draft = application.drafts.first()
    if draft is None:
        raise Http404
    return FileResponse(
        open_private(draft.stored_name),
        content_type="application/pdf",
        filename=f"draf-{application.pk}.pdf",
    )


@login_required
def document(request, pk):
    doc = get_object_or_404(visible_documents(request.user), pk=pk)
    content_type = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}[doc.kind]
    response = FileResponse(open_private(doc.stored_name), content_type=content_type)
    response["Content-Disposition"] = "inline"
    return response


def _act(request, pk, do, done):
    """Run one action on the file. Done: the confirmation panel says what happened and
    what comes next (`done(application, result)`), then back to the file. Refused: the
    file page again, with the refusal's status (403, 409, 422), its reasons and what the
    officer had ticked or typed."""
    application = get_object_or_404(visible_applications(request.user), pk=pk)
    try:
        result = do(application)
    except ActionError as exc:
        messages.error(request, exc.message)
        for message in exc.errors.values():
            messages.error(request, message)
        application = get_object_or_404(
            visible_applications(request.user).select_related("applicant", "version", "office"),
            pk=pk,
        )
        context = queries.detail_context(application, request.user)
        context["posted"] = request.POST
        context["posted_checked"] = request.POST.getlist("checked")
        return render(request, "permits/detail.html", context, status=exc.status)
    messages.success(request, done(application, result))
    return redirect("permits:detail", pk)


def _step_no(request):
    try:
        return int(request.POST.get("step_no", ""))
    except ValueError:
        return None


def confirmed(request):
    """An irreversible action needs the officer's tick on "I am sure" (no JavaScript)."""
    if request.POST.get("confirm") != "1":
        raise Invalid(
            _("Tindakan ini tidak dapat dibatalkan. Centang konfirmasi lalu kirim lagi."),
            {"confirm": _("Centang kotak konfirmasi.")},
        )


@require_POST
@login_required
def receive(request, pk):
    return _act(
        request,
        pk,
        lambda a: actions.receive_file(a, request.user, _step_no(request)),
        outcomes.after_receipt,
    )


@require_POST
@login_required
def complete(request, pk):
    payload = {
        "checked": request.POST.getlist("checked"),
        "received_by": request.POST.get("received_by", ""),
    }
    return _act(
        request,
        pk,
        lambda a: actions.complete_step(a, request.user, _step_no(request), **payload),
        lambda a, _result: outcomes.after_step(a),
    )


@require_POST
@login_required
def return_file(request, pk):
    problems = {
        k[len("problem_") :]: v for k, v in request.POST.items() if k.startswith("problem_")
    }

    def run(application):
        confirmed(request)
        return actions.return_to_applicant(
            application, request.user, problems, request.POST.get("note", ""), _step_no(request)
        )

    return _act(request, pk, run, lambda a, _result: outcomes.after_step(a))


@login_required
def resubmit(request, pk):
    application = get_object_or_404(visible_applications(request.user), pk=pk)
    # Only the applicant, or the counter for them, sends a file back (the other
    # officers of the office may see the file, not act for the applicant).
    if application.applicant.user_id != request.user.pk and not acts_as(
        request.user, FRONT_OFFICE, application.office
    ):
        raise Http404
    form = ResubmitForm(request.POST or None, request.FILES or None, application=application)
    if request.method == "POST" and form.is_valid():
        try:
            actions.resubmit(
                application, request.user, form.uploads(), settings.APPLICATION_MAX_BYTES
            )
        except ActionError as exc:
            _field_errors(form, exc)
        else:
            messages.success(request, _("Berkas dikirim ulang dan akan diperiksa kembali."))
            return redirect("permits:detail", pk)
    return render(request, "permits/resubmit.html", {"form": form, "application": application})


@rate_limited("track", methods=None, when=asks("reg", "code"))
def track(request):
    """Public tracking by registration number and tracking code (no login)."""
    application = None
    reg = request.GET.get("reg", "").strip()
    code = request.GET.get("code", "").strip().upper()
    if reg or code:
        application = queries.track(reg, code)
        if application is None:
            messages.error(
                request,
                _(
                    "Berkas tidak ditemukan. Periksa nomor registrasi dan kode lacak "
                    "pada tanda terima."
                ),
            )
    return render(
        request, "permits/track.html", {"application": application, "reg": reg, "code": code}
    )
