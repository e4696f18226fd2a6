from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from loket.core.models import Office
from loket.standards.spec import StandardSpec

# Parsed standards by (id, source hash, load time); see StandardVersion.spec.
_PARSED_SPECS = {}


class Service(models.Model):
    """A service an office publishes (e.g. SIKTS); its rules live in its versions."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="services")
    code = models.SlugField(_("kode"))
    name = models.CharField(_("nama"), max_length=200)
    current = models.ForeignKey(
        "StandardVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("layanan")
        verbose_name_plural = _("layanan")
        constraints = [
            models.UniqueConstraint(fields=["office", "code"], name="one_service_code_per_office")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("standards:detail", args=[self.office.code, self.code])


class StandardVersion(models.Model):
    """One loaded version of a service standard; never changed after loading."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("versi"))
    data = models.JSONField()
    source_sha256 = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("versi standar pelayanan")
        verbose_name_plural = _("versi standar pelayanan")
        constraints = [
            models.UniqueConstraint(fields=["service", "number"], name="one_version_number")
        ]

    def __str__(self):
        return f"{self.service} v{self.number}"

    # Only these fields are read on a cache hit, so a page may defer ``data``.
    SPEC_KEY_FIELDS = ("id", "source_sha256", "loaded_at")

    @property
    def spec(self):
        # A version never changes after loading, so its parsed spec is kept per
        # process: public pages would otherwise decode the whole standard's JSON on
        # every request. The key includes the hash and load time, not the id alone,
        # because a rolled-back test (or a restored database) can reuse an id.
        if self.pk is None:
            return StandardSpec(self.data)
        return cached_spec(self.pk, self.source_sha256, self.loaded_at, lambda: self.data)

    @property
    def office(self):
        return self.service.office


def cached_spec(pk, source_sha256, loaded_at, data=None):
    """The parsed spec of a version known by its cache key (see StandardVersion.spec);
    on a miss its data comes from `data()` or, without it, one query."""
    key = (pk, source_sha256, loaded_at)
    spec = _PARSED_SPECS.get(key)
    if spec is None:
        if data is None:
            raw = StandardVersion.objects.filter(pk=pk).values_list("data", flat=True).first()
        else:
            raw = data()
        if len(_PARSED_SPECS) >= 256:  # a bound, not a policy: offices have a few
            _PARSED_SPECS.clear()
        spec = _PARSED_SPECS[key] = StandardSpec(raw)
    return spec
