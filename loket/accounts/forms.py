from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from loket.accounts import privacy
from loket.accounts.models import Applicant


class DateInput(forms.DateInput):
    input_type = "date"


class IdentityForm(forms.Form):
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=200)
    nik = forms.CharField(
        label=_("NIK"), max_length=16, min_length=16, help_text=_("16 angka sesuai KTP.")
    )
    birth_place = forms.CharField(label=_("Tempat lahir"), max_length=100)
    birth_date = forms.DateField(label=_("Tanggal lahir"), widget=DateInput)
    sex = forms.ChoiceField(label=_("Jenis kelamin"), choices=Applicant.SEXES)
    address = forms.CharField(label=_("Alamat rumah"), widget=forms.Textarea(attrs={"rows": 3}))
    phone = forms.CharField(
        label=_("Nomor HP"),
        max_length=20,
        help_text=_("Untuk pemberitahuan SMS, contoh 0812xxxxxxxx."),
    )
    email = forms.EmailField(label=_("Email (tidak wajib)"), required=False)
    consent = forms.BooleanField(label=privacy.APPLICANT_ACK)

    def __init__(self, *args, office=None, at_counter=False, **kwargs):
        """`office` supplies the retention period of the notice; at the counter the
        Front Office ticks the box for the applicant it informed."""
        super().__init__(*args, **kwargs)
        consent = self.fields["consent"]
        consent.help_text = privacy.applicant_notice(office)
        if at_counter:
            consent.label = privacy.COUNTER_ACK


class RegisterForm(IdentityForm):
    password1 = forms.CharField(label=_("Kata sandi"), widget=forms.PasswordInput)
    password2 = forms.CharField(label=_("Ulangi kata sandi"), widget=forms.PasswordInput)

    def clean(self):
        data = super().clean()
        if data.get("password1") != data.get("password2"):
            self.add_error("password2", _("Kedua kata sandi tidak sama."))
        elif data.get("password1"):
            try:
                validate_password(data["password1"])
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class TwoFactorForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Kode verifikasi"),
        max_length=20,
        help_text=_("Atau salah satu kode pemulihan Anda."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )


class EnrolmentCodeForm(forms.Form):
    enrolment_code = forms.CharField(
        label=_("Kode pendaftaran dari administrator"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class IdentityCorrectionForm(IdentityForm):
    """The Front Office corrects an applicant's identity at their request (UU 27/2022
    Pasal 30: within 3×24 hours)."""

    requested_at = forms.DateTimeField(
        label=_("Permintaan koreksi diterima"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_(
            "Kapan pemohon meminta koreksi. Koreksi diselesaikan paling lambat 3×24 jam "
            "sesudahnya; cocokkan data dengan KTP asli."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["consent"]
