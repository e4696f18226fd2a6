from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from loket.accounts.models import Applicant

PRIVACY_TEXT = _(
    "Data pribadi Anda (NIK, alamat, nomor HP, dokumen) diproses oleh instansi untuk "
    "memberikan layanan perizinan ini (UU 25/2009, UU 27/2022 tentang Pelindungan Data "
    "Pribadi) dan disimpan selama izin berlaku ditambah 5 tahun untuk arsip."
)


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
    consent = forms.BooleanField(
        label=_("Saya menyetujui pemrosesan data pribadi saya"), help_text=PRIVACY_TEXT
    )


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
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
