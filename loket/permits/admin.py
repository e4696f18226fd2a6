from django.contrib import admin

from loket.lib.admin import ReadOnlyAdmin
from loket.permits.models import Application, ControlCardEntry


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["reg_number", "office", "status", "current_step", "filed_at", "due_at"]
    list_filter = ["office", "status"]
    list_select_related = ["office"]
    exclude = ["to_fix"]


@admin.register(ControlCardEntry)
class ControlCardEntryAdmin(ReadOnlyAdmin):
    list_display = ["application", "step_no", "event", "officer_name", "at", "late_minutes"]
    list_select_related = ["application"]
