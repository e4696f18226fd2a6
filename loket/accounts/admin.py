from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from loket.accounts.actions import disable_officer
from loket.accounts.models import Applicant, Officer
from loket.core.models import CalendarDay, Office


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    extra = 1


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "city", "day_start", "day_end"]
    inlines = [CalendarDayInline]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "reason", "office"]
    list_filter = ["office", "kind"]


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = ["user", "office", "nip"]
    list_select_related = ["user", "office"]
    actions = ["disable"]

    @admin.action(description=_("Nonaktifkan petugas dan akhiri semua sesinya"))
    def disable(self, request, queryset):
        for officer in queryset:
            disable_officer(officer.user, by=request.user)


@admin.register(Applicant)
class ApplicantAdmin(admin.ModelAdmin):
    list_display = ["full_name", "office", "created_at"]
    search_fields = ["full_name"]
    exclude = ["nik"]  # personal data stays out of admin lists and forms
