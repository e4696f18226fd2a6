from django import forms
from django.utils.translation import gettext_lazy as _

from loket.accounts.forms import DateInput
from loket.permits.actions import Filing, Upload
from loket.standards.answers import clean_answers
from loket.standards.spec import ALL_KINDS, in_language

ACCEPT = {"pdf": "application/pdf,.pdf", "jpeg": "image/jpeg,.jpg,.jpeg", "png": "image/png,.png"}


def requirement_field_name(code):
    return f"doc_{code}"


def add_requirement_fields(form, requirements, required, spec=None):
    for req in requirements:
        kinds = ", ".join(k.upper() for k in req.file_types)
        help_text = _("%(kinds)s, paling besar %(mb)s MB%(extra)s") % {
            "kinds": kinds,
            "mb": req.max_mb,
            "extra": "" if req.mandatory else _(" (tidak wajib)"),
        }
        if spec is not None and req.applies_to is not ALL_KINDS:
            help_text += " " + _("Untuk permohonan: %(kinds)s.") % {
                "kinds": ", ".join(spec.kind_name(k) for k in req.applies_to)
            }
        form.fields[requirement_field_name(req.code)] = forms.FileField(
            label=req.name,
            required=False,
            help_text=help_text,
            widget=forms.ClearableFileInput(
                attrs={"accept": ",".join(ACCEPT[k] for k in req.file_types)}
            ),
        )
        form.fields[requirement_field_name(req.code)].mandatory_for = (
            req.applies_to if req.mandatory and required else ()
        )


def uploads_from(form, requirements, held=None):
    """The uploads of the form; a requirement left empty keeps its `held` upload (one
    chosen earlier and carried by the check-your-answers page)."""
    uploads = []
    for req in requirements:
        f = form.cleaned_data.get(requirement_field_name(req.code))
        if f:
            uploads.append(Upload(requirement=req.code, name=f.name, data=f.read()))
        elif held and req.code in held:
            uploads.append(held[req.code])
    return uploads


def answer_field(field):
    """The input of one form field of the standard. Every input is optional to Django:
    whether a field is required depends on the kind chosen in the same form, so the one
    check (loket.standards.answers) runs in `clean` for all fields at once."""
    label = field.label if field.required else _("%(label)s (tidak wajib)") % {"label": field.label}
    common = {"label": label, "required": False, "help_text": field.help}
    if field.type in ("textarea", "address"):
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)
    if field.type == "date":
        return forms.CharField(widget=DateInput, **common)
    if field.type == "number":
        return forms.CharField(widget=forms.NumberInput, **common)
    if field.type == "choice":
        choices = [("", "—")] + [(code, in_language(label)) for code, label in field.choices]
        return forms.ChoiceField(choices=choices, **common)
    if field.type == "yesno":
        # A CharField: the one check (answers.clean_one) also takes true/false, 1/0.
        choices = [("ya", _("Ya")), ("tidak", _("Tidak"))]
        return forms.CharField(widget=forms.RadioSelect(choices=choices), **common)
    if field.type == "email":
        return forms.CharField(widget=forms.EmailInput, **common)
    if field.type == "phone":
        return forms.CharField(widget=forms.TextInput(attrs={"inputmode": "tel"}), **common)
    if field.type == "nik":
        return forms.CharField(widget=forms.TextInput(attrs={"inputmode": "numeric"}), **common)
    return forms.CharField(**common)


class ApplicationForm(forms.Form):
    """The application form of one service, generated from its standard's `form:`."""

    kind = forms.ChoiceField(label=_("Jenis permohonan"))

    def __init__(self, *args, spec, held=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec
        # Uploads chosen before the check-your-answers page, by requirement code.
        self.held = held or {}
        self.fields["kind"].choices = [(k.code, k.name) for k in spec.kinds]
        if len(spec.kinds) == 1:
            self.fields["kind"].initial = spec.kinds[0].code
        for field in spec.form:
            self.fields[field.key] = answer_field(field)
            if field.applies_to is not ALL_KINDS:
                self.fields[field.key].help_text = " ".join(
                    filter(
                        None,
                        [
                            field.help,
                            _("Untuk permohonan: %(kinds)s.")
                            % {"kinds": ", ".join(spec.kind_name(k) for k in field.applies_to)},
                        ],
                    )
                )
        add_requirement_fields(self, spec.requirements, True, spec)
        for code, upload in self.held.items():
            if requirement_field_name(code) in self.fields:
                self.fields[requirement_field_name(code)].held = upload.name

    def clean(self):
        data = super().clean()
        if "kind" in data:
            raw = {f.key: data.get(f.key) for f in self.spec.form}
            self.answers, errors = clean_answers(self.spec.form, data["kind"], raw)
            for key, message in errors.items():
                self.add_error(key, message)
        return data

    def filing(self):
        data = self.cleaned_data
        reqs = self.spec.requirements_for(data["kind"])
        return Filing(
            kind=data["kind"], answers=self.answers, uploads=uploads_from(self, reqs, self.held)
        )


class ResubmitForm(forms.Form):
    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.requirements = application.spec.requirements_for(application.kind)
        add_requirement_fields(self, self.requirements, False)

    def uploads(self):
        return uploads_from(self, self.requirements)
