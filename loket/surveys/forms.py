from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from loket.surveys import ikm
from loket.surveys.models import FollowUpItem, SurveyResponse

# The questionnaire of PermenPANRB No. 14/2017 (annex), one question per element.
QUESTIONS = {
    "U1": _(
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan "
        "jenis pelayanannya?"
    ),
    "U2": _("Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?"),
    "U3": _("Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?"),
    "U4": _("Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?"),
    "U5": _(
        "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang "
        "tercantum dalam standar pelayanan dengan hasil yang diberikan?"
    ),
    "U6": _("Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?"),
    "U7": _(
        "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait "
        "kesopanan dan keramahan?"
    ),
    "U8": _("Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?"),
    "U9": _("Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?"),
}


class SurveyForm(forms.Form):
    age = forms.IntegerField(label=_("Umur (tahun)"), min_value=10, max_value=120)
    sex = forms.ChoiceField(
        label=_("Jenis kelamin"), choices=SurveyResponse.SEXES, widget=forms.RadioSelect
    )
    education = forms.ChoiceField(
        label=_("Pendidikan terakhir"), choices=[("", "—"), *SurveyResponse.EDUCATION]
    )
    occupation = forms.ChoiceField(
        label=_("Pekerjaan utama"), choices=[("", "—"), *SurveyResponse.OCCUPATIONS]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for element in ikm.ELEMENTS:
            labels = ikm.ANSWER_LABELS[element.code]
            self.fields[element.code.lower()] = forms.TypedChoiceField(
                label=f"{element.code}. {gettext(element.name)}",
                help_text=QUESTIONS[element.code],
                choices=[
                    (score, f"{score}. {gettext(labels[score - 1])}") for score in range(1, 5)
                ],
                coerce=int,
                widget=forms.RadioSelect,
            )
        self.fields["comment"] = forms.CharField(
            label=_("Saran dan masukan (boleh dikosongkan)"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    def element_fields(self):
        return [self[code.lower()] for code in ikm.ELEMENT_CODES]

    def profile_fields(self):
        return [self[name] for name in ("age", "sex", "education", "occupation")]


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUpItem
        fields = ["problem", "action", "unit", "deadline", "progress", "progress_note"]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 2}),
            "action": forms.Textarea(attrs={"rows": 3}),
            "progress_note": forms.Textarea(attrs={"rows": 2}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
