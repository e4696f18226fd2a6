from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from loket.accounts.actions import register_applicant
from loket.accounts.forms import RegisterForm
from loket.core.errors import ActionError
from loket.core.models import Office
from loket.lib import ratelimit
from loket.lib.ratelimit import rate_limited


def add_action_errors(form, exc):
    """Show an action's errors on the form fields they belong to."""
    for key, message in exc.errors.items():
        form.add_error(key if key in form.fields else None, message)
    if not exc.errors:
        form.add_error(None, exc.message)


@rate_limited("register")
def register(request):
    office = Office.objects.order_by("pk").first()
    form = RegisterForm(request.POST or None, office=office)
    if request.method == "POST" and form.is_valid():
        try:
            applicant = register_applicant(
                office, form.cleaned_data, password=form.cleaned_data["password1"]
            )
        except ActionError as exc:
            add_action_errors(form, exc)
        else:
            login(request, applicant.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, _("Pendaftaran berhasil. Nama pengguna Anda adalah NIK Anda.")
            )
            return redirect("standards:catalogue")
    return render(request, "accounts/register.html", {"form": form, "office": office})


class SignInView(LoginView):
    """Django's login page, answering 429 to an address over its failed sign-ins
    (password spraying), before any password is checked."""

    def post(self, request, *args, **kwargs):
        if ratelimit.over_limit("login_address", ratelimit.client_address(request)):
            return ratelimit.too_many(request, "login_address")
        return super().post(request, *args, **kwargs)
