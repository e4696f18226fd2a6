from django import forms
from django.utils.translation import gettext_lazy as _

from loket.accounts import privacy
from loket.accounts.forms import DateInput
from loket.complaints import antispam
from loket.complaints.actions import PARTNERS, Intake, Upload
from loket.complaints.models import CHANNELS, INTERNET, TYPES, WEIGHTS

ACCEPT = "application/pdf,.pdf,image/jpeg,.jpg,.jpeg,image/png,.png"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class ComplaintForm(forms.Form):
    # Choices are the types of the office's standard, given by the view (`types=`).
    type = forms.ChoiceField(label=_("Jenis pengaduan"), choices=TYPES, initial="lainnya")
    subject = forms.CharField(label=_("Perihal"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Uraian pengaduan"), widget=forms.Textarea(attrs={"rows": 6}), max_length=4000
    )
    reference = forms.CharField(
        label=_("Nomor registrasi atau nomor izin terkait"),
        max_length=80,
        required=False,
        help_text=_("Jika pengaduan Anda tentang suatu permohonan atau izin."),
    )
    name = forms.CharField(label=_("Nama"), max_length=200, required=False)
    address = forms.CharField(label=_("Alamat"), max_length=300, required=False)
    phone = forms.CharField(label=_("Nomor HP"), max_length=30, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    confidential = forms.BooleanField(
        label=_("Rahasiakan identitas saya (hanya petugas pengelola pengaduan yang melihatnya)"),
        required=False,
    )
    attachments = MultipleFileField(
        label=_("Lampiran"),
        required=False,
        help_text=_("PDF, JPEG atau PNG; paling banyak 5 berkas, masing-masing paling besar 5 MB."),
    )
    # UU 27/2022: the purpose and retention are stated; acknowledging is optional, as
    # giving an identity is.
    privacy_ack = forms.BooleanField(label=privacy.COMPLAINT_ACK, required=False)

    def __init__(self, *args, types=None, office=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["privacy_ack"].help_text = privacy.complaint_notice(office)
        if types:
            codes = [code for code, _name in types]
            self.fields["type"].choices = list(types)
            self.fields["type"].initial = "lainnya" if "lainnya" in codes else codes[-1]

    def intake(self):
        data = self.cleaned_data
        return Intake(
            description=data["description"],
            type=data["type"],
            subject=data.get("subject", ""),
            name=data.get("name", ""),
            address=data.get("address", ""),
            phone=data.get("phone", ""),
            email=data.get("email", ""),
            fax=data.get("fax", ""),
            confidential=data.get("confidential", False),
            reference=data.get("reference", ""),
            uploads=[Upload(name=f.name, data=f.read()) for f in data.get("attachments") or []],
            privacy_ack=data.get("privacy_ack", False),
        )


class PublicComplaintForm(ComplaintForm):
    """The web form: identity optional; a honeypot and a signed time stamp."""

    website = forms.CharField(
        required=False,
        label=_("Jangan diisi"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    stamp = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stamp"].initial = antispam.stamp()

    def clean(self):
        data = super().clean()
        problem = antispam.problem(self.data)
        if problem:
            raise forms.ValidationError(problem)
        return data


class RecordComplaintForm(ComplaintForm):
    """An officer records a complaint met at the counter, by letter, phone or fax."""

    channel = forms.ChoiceField(
        label=_("Saluran"), choices=[c for c in CHANNELS if c[0] not in (INTERNET, "email")]
    )
    fax = forms.CharField(label=_("Nomor faks"), max_length=30, required=False)

    field_order = ["channel"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["privacy_ack"].label = privacy.COMPLAINT_ACK_RECORDED


class WeighForm(forms.Form):
    weight = forms.ChoiceField(label=_("Bobot"), choices=WEIGHTS, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}))


class CoordinationForm(forms.Form):
    note = forms.CharField(
        label=_("Hasil koordinasi / keputusan"), widget=forms.Textarea(attrs={"rows": 4})
    )
    partner = forms.ChoiceField(
        label=_("Dikoordinasikan dengan"),
        choices=[("", "-")] + list(PARTNERS.items()),
        required=False,
    )
    partner_name = forms.CharField(label=_("Nama pejabat"), max_length=200, required=False)
    coordinated_on = forms.DateField(
        label=_("Tanggal koordinasi"), required=False, widget=DateInput
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Jawaban"), widget=forms.Textarea(attrs={"rows": 6}))


class DeliveryForm(forms.Form):
    method = forms.ChoiceField(label=_("Cara penyampaian"), choices=())
    note = forms.CharField(
        label=_("Catatan penyampaian"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Misalnya: nomor surat dan tanggal kirim, atau siapa yang menerima telepon."),
    )

    def __init__(self, *args, methods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = methods


class RegisterFilterForm(forms.Form):
    date_from = forms.DateField(label=_("Dari tanggal"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("Sampai tanggal"), required=False, widget=DateInput)
    weight = forms.ChoiceField(label=_("Bobot"), choices=[("", "-")] + WEIGHTS, required=False)
    channel = forms.ChoiceField(label=_("Saluran"), choices=[("", "-")] + CHANNELS, required=False)
    type = forms.ChoiceField(label=_("Jenis"), choices=[("", "-")] + TYPES, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=())
    history = forms.BooleanField(label=_("Tampilkan semua catatan (riwayat)"), required=False)

    def __init__(self, *args, types=None, **kwargs):
        from loket.complaints.models import Complaint

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "-")] + Complaint.STATUSES
        if types:
            self.fields["type"].choices = [("", "-")] + list(types)


class CompileReportForm(forms.Form):
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    month = forms.IntegerField(label=_("Bulan"), min_value=1, max_value=12)
    note = forms.CharField(
        label=_("Catatan perbaikan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[("approve", _("Setujui")), ("return", _("Kembalikan untuk diperbaiki"))],
    )
    notes = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
