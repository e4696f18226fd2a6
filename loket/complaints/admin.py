from django.contrib import admin

from loket.complaints.models import (
    Complaint,
    CoordinationTask,
    Event,
    InboundEmail,
    MonthlyReport,
    RegisterEntry,
    ReportVersion,
)


class ReadOnly(admin.ModelAdmin):
    """Complaint records change only through actions.py (and so stay on the record)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Complaint)
class ComplaintAdmin(ReadOnly):
    list_display = ["ticket", "office", "channel", "weight", "status", "received_at", "due_at"]
    list_filter = ["office", "channel", "weight", "status"]
    search_fields = ["ticket"]


@admin.register(CoordinationTask)
class CoordinationTaskAdmin(ReadOnly):
    list_display = ["complaint", "role", "opened_at", "due_at", "closed_at"]


@admin.register(Event)
class EventAdmin(ReadOnly):
    list_display = ["complaint", "kind", "at", "actor_name"]


@admin.register(RegisterEntry)
class RegisterEntryAdmin(ReadOnly):
    list_display = ["complaint", "reason", "at", "weight", "status"]


@admin.register(InboundEmail)
class InboundEmailAdmin(ReadOnly):
    list_display = ["message_id", "sender", "complaint", "is_reply", "received_at"]


@admin.register(MonthlyReport)
class MonthlyReportAdmin(ReadOnly):
    list_display = ["office", "year", "month", "status"]


@admin.register(ReportVersion)
class ReportVersionAdmin(ReadOnly):
    list_display = ["report", "number", "compiled_at"]
