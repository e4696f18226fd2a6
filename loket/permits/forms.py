from django import forms
from django.utils.translation import gettext_lazy as _

from loket.accounts.forms import DateInput
from loket.permits.actions import Filing, Upload
from loket.permits.models import Application

ACCEPT = {"pdf": "application/pdf,.pdf", "jpeg": "image/jpeg,.jpg,.jpeg", "png": "image/png,.png"}


def requirement_field_name(code):
    return f"doc_{code}"


def add_requirement_fields(form, requirements, required):
    for req in requirements:
        kinds = ", ".join(k.upper() for k in req.file_types)
        form.fields[requirement_field_name(req.code)] = forms.FileField(
            label=req.name,
            required=False,
            help_text=_("%(kinds)s, paling besar %(mb)s MB%(extra)s")
            % {
                "kinds": kinds,
                "mb": req.max_mb,
                "extra": "" if req.mandatory else _(" (tidak wajib)"),
            },
            widget=forms.ClearableFileInput(
                attrs={"accept": ",".join(ACCEPT[k] for k in req.file_types)}
            ),
        )
        form.fields[requirement_field_name(req.code)].mandatory_for = (
            req.applies_to if req.mandatory and required else ()
        )


def uploads_from(form, requirements):
    uploads = []
    for req in requirements:
        f = form.cleaned_data.get(requirement_field_name(req.code))
        if f:
            uploads.append(Upload(requirement=req.code, name=f.name, data=f.read()))
    return uploads


class ApplicationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis permohonan"), choices=Application.KINDS)
    workplace_name = forms.CharField(
        label=_("Nama fasilitas pelayanan kesehatan tempat bekerja"), max_length=200
    )
    workplace_address = forms.CharField(label=_("Alamat tempat kerja"), max_length=300)
    str_number = forms.CharField(label=_("Nomor STR"), max_length=60)
    str_valid_until = forms.DateField(
        label=_("STR berlaku sampai"),
        required=False,
        widget=DateInput,
        help_text=_("Kosongkan bila STR berlaku seumur hidup."),
    )
    previous_permit_number = forms.CharField(
        label=_("Nomor SIKTS lama (untuk perpanjangan)"), max_length=60, required=False
    )

    def __init__(self, *args, spec, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec
        add_requirement_fields(self, spec.requirements, True)

    def clean(self):
        data = super().clean()
        if data.get("kind") == Application.RENEWAL and not data.get("previous_permit_number"):
            self.add_error("previous_permit_number", _("Wajib diisi untuk perpanjangan."))
        return data

    def filing(self):
        data = self.cleaned_data
        reqs = self.spec.requirements_for(data["kind"])
        return Filing(
            kind=data["kind"],
            workplace_name=data["workplace_name"],
            workplace_address=data["workplace_address"],
            str_number=data["str_number"],
            str_valid_until=data.get("str_valid_until"),
            previous_permit_number=data.get("previous_permit_number", ""),
            uploads=uploads_from(self, reqs),
        )


class ResubmitForm(forms.Form):
    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.requirements = application.spec.requirements_for(application.kind)
        add_requirement_fields(self, self.requirements, False)

    def uploads(self):
        return uploads_from(self, self.requirements)
