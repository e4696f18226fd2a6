"""API clients in the admin: create one (its secret shown once), revoke it."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from loket.apiclients import actions
from loket.apiclients.models import ApiClient
from loket.apiclients.scopes import SCOPES
from loket.core.errors import ActionError


class NewClientForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("cakupan"), choices=list(SCOPES.items()), widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ApiClient
        fields = ["name", "office", "scopes", "rate_limit"]


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    list_display = ["name", "office", "client_id", "rate_limit", "created_at", "revoked_at"]
    list_filter = ["office"]
    list_select_related = ["office"]
    actions = ["revoke"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = NewClientForm
        return super().get_form(request, obj, change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        # The secret cannot be shown again, and who a client acts for is fixed: a new
        # need is a new client.
        if obj is None:
            return []
        return ["name", "office", "client_id", "scopes", "user", "created_at", "revoked_at"]

    def get_exclude(self, request, obj=None):
        return ["secret_hash"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["rate_limit"])
            return
        client, secret = actions.create_client(
            form.cleaned_data["office"],
            form.cleaned_data["name"],
            form.cleaned_data["scopes"],
            by=request.user,
            rate_limit=form.cleaned_data["rate_limit"],
        )
        obj.pk = client.pk
        messages.warning(
            request,
            _(
                "Simpan rahasia klien ini sekarang; ia tidak akan ditampilkan lagi. "
                "client_id: %(id)s  client_secret: %(secret)s"
            )
            % {"id": client.client_id, "secret": secret},
        )

    @admin.action(description=_("Cabut klien API terpilih"))
    def revoke(self, request, queryset):
        for client in queryset:
            try:
                actions.revoke_client(client, by=request.user)
            except ActionError as exc:
                messages.error(request, f"{client}: {exc.message}")
