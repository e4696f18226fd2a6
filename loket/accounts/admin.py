from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.accounts.actions import disable_officer
from loket.accounts.models import Applicant, Officer
from loket.accounts.two_factor import issue_enrolment_code
from loket.core.models import CalendarDay, Office


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    extra = 1


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "city", "day_start", "day_end"]
    inlines = [CalendarDayInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # The identity groups follow where they show: kop surat and header, then the
    # footer of every page and email.
    fieldsets = [
        (None, {"fields": ["code"]}),
        (
            _("Kop surat dan kepala halaman"),
            {"fields": ["government", "name", "short_name", "crest"]},
        ),
        (
            _("Alamat dan jam layanan"),
            {"fields": ["address", "city", "postal_code", "opening_hours", "opening_hours_en"]},
        ),
        (
            _("Kontak (juga saluran pengaduan)"),
            {"fields": ["phone", "whatsapp", "fax", "email", "website"]},
        ),
        (_("Jam kerja"), {"fields": ["day_start", "day_end"]}),
        (_("Kepala Dinas"), {"fields": ["head_name", "head_rank", "head_nip"]}),
        (_("Penomoran dan retensi"), {"fields": ["letter_number_format", "retention_years"]}),
    ]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "reason", "office"]
    list_filter = ["office", "kind"]


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = ["user", "office", "nip"]
    list_select_related = ["user", "office"]
    actions = ["disable", "issue_enrolment_code"]

    @admin.action(description=_("Nonaktifkan petugas dan akhiri semua sesinya"))
    def disable(self, request, queryset):
        for officer in queryset:
            disable_officer(officer.user, by=request.user)

    @admin.action(description=_("Atur ulang verifikasi dua langkah dan terbitkan kode pendaftaran"))
    def issue_enrolment_code(self, request, queryset):
        # Each code is shown once, here, to the administrator who hands it over.
        for officer in queryset.select_related("user"):
            code = issue_enrolment_code(officer.user, issued_by=request.user, reset=True)
            self.message_user(
                request,
                _("Kode pendaftaran untuk %(user)s: %(code)s")
                % {"user": officer.user, "code": code},
            )


@admin.register(Applicant)
class ApplicantAdmin(admin.ModelAdmin):
    list_display = ["full_name", "office", "created_at"]
    search_fields = ["full_name"]
    exclude = ["nik"]  # personal data stays out of admin lists and forms
