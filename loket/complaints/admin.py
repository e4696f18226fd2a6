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
from loket.lib.admin import ReadOnlyAdmin


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    list_display = ["ticket", "office", "channel", "weight", "status", "received_at", "due_at"]
    list_filter = ["office", "channel", "weight", "status"]
    search_fields = ["ticket"]


@admin.register(CoordinationTask)
class CoordinationTaskAdmin(ReadOnlyAdmin):
    list_display = ["complaint", "role", "opened_at", "due_at", "closed_at"]


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["complaint", "kind", "at", "actor_name"]


@admin.register(RegisterEntry)
class RegisterEntryAdmin(ReadOnlyAdmin):
    list_display = ["complaint", "reason", "at", "weight", "status"]


@admin.register(InboundEmail)
class InboundEmailAdmin(ReadOnlyAdmin):
    list_display = ["message_id", "sender", "complaint", "is_reply", "received_at"]


@admin.register(MonthlyReport)
class MonthlyReportAdmin(ReadOnlyAdmin):
    list_display = ["office", "year", "month", "status"]


@admin.register(ReportVersion)
class ReportVersionAdmin(ReadOnlyAdmin):
    list_display = ["report", "number", "compiled_at"]
