"""The second-factor page: redeem an enrolment code, enrol an authenticator app, or
type its current code (or a recovery code)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from loket.accounts import two_factor
from loket.accounts.forms import EnrolmentCodeForm, TwoFactorForm
from loket.accounts.views import add_action_errors
from loket.core.errors import ActionError
from loket.lib.qr import qr_svg_data_uri
from loket.lib.ratelimit import rate_limited


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return settings.LOGIN_REDIRECT_URL


def _enrolment_code_page(request):
    """No device and no enrolment code redeemed in this session: ask for the code an
    administrator issued. The password alone never shows the secret."""
    form = EnrolmentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            two_factor.redeem_enrolment_code(request, form.cleaned_data["enrolment_code"])
        except ActionError as exc:
            add_action_errors(form, exc)
        else:
            return redirect(request.get_full_path())
    return render(
        request,
        "accounts/two_factor.html",
        {"form": form, "needs_code": True, "next": _next(request)},
    )


@login_required
@rate_limited("otp")
def two_factor_page(request):
    user = request.user
    if not two_factor.needs_two_factor(user) or user.is_verified():
        return redirect(_next(request))
    device = two_factor.confirmed_device(user)
    enrolling = device is None
    if enrolling and not two_factor.may_enrol(request):
        return _enrolment_code_page(request)
    if enrolling:
        device = two_factor.enrolment_device(user)
    form = TwoFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = "".join(form.cleaned_data["otp_token"].split())
        try:
            if not enrolling and not token.isdigit():
                two_factor.verify_recovery_code(request, token)
            else:
                two_factor.verify(request, device, token)
        except ActionError as exc:
            add_action_errors(form, exc)
        else:
            if not enrolling:
                return redirect(_next(request))
            request.session.pop(two_factor.ENROL_SESSION_KEY, None)
            codes = two_factor.new_recovery_codes(user)
            return render(
                request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request)}
            )
    context = {"form": form, "enrolling": enrolling, "next": _next(request)}
    if enrolling:
        uri = device.config_url
        context.update(uri=uri, qr=qr_svg_data_uri(uri), secret=two_factor.secret_of(device))
    return render(request, "accounts/two_factor.html", context)
