from django.contrib import admin

from loket.standards.models import Service, StandardVersion


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "office", "current"]
    list_select_related = ["office", "current"]


@admin.register(StandardVersion)
class StandardVersionAdmin(admin.ModelAdmin):
    """Versions are loaded with `manage.py load_standard`, never edited."""

    list_display = ["service", "number", "loaded_at"]
    list_select_related = ["service"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
