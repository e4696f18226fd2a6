from django.contrib import admin

from loket.permits.models import Application, ControlCardEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    """Files move only through the SOP actions; the admin may look, never write."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
