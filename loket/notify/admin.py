from django.contrib import admin

from loket.notify.models import Letter, MessageTemplate, Outbox


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    list_display = ["code", "channel", "language", "subject"]
    list_filter = ["channel", "language"]


@admin.register(Outbox)
class OutboxAdmin(admin.ModelAdmin):
    # The list masks the recipient (UU 27/2022); the read-only detail shows it.
    list_display = [
        "created_at",
        "channel",
        "masked_recipient",
        "reference",
        "status",
        "attempts",
        "sent_at",
    ]
    list_filter = ["status", "channel"]
    # The outbox is written by actions only; the admin is for looking.
    readonly_fields = [f.name for f in Outbox._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):
    list_display = ["number", "reference", "addressee", "due_on", "created_at", "sent_at"]
    readonly_fields = [f.name for f in Letter._meta.fields]

    def has_add_permission(self, request):
        return False
