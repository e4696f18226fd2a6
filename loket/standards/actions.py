"""Writes of the standards app: loading a standard file as a new version."""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from loket import audit
from loket.core.models import Office
from loket.standards.models import Service, StandardVersion
from loket.standards.schema import load_yaml, validate_standard


class StandardInvalid(Exception):
    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = errors


def load_standard(text, user=None):
    """Validate a whole standard file, then store it as the service's next version.

    Nothing is written unless the whole file is valid. Loading a file identical to
    the current version is a no-op that returns the current version, so `make run`
    can load standards on every start.
    """
    data, errors = load_yaml(text)
    if not errors:
        errors = validate_standard(data)
    if errors:
        raise StandardInvalid(errors)
    # YAML reads 2026-01-01 as a date; the stored JSON keeps it as ISO text.
    data = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
    digest = hashlib.sha256(text.encode()).hexdigest()
    with transaction.atomic():
        office, _ = Office.objects.get_or_create(
            code=data["office"],
            defaults={
                "name": data.get("office_name", data["office"]),
                "city": data.get("city", ""),
            },
        )
        service, _ = Service.objects.select_for_update().get_or_create(
            office=office, code=data["code"], defaults={"name": data["name"]}
        )
        current = service.current
        if current is not None and current.source_sha256 == digest:
            return current, False
        number = (current.number if current else 0) + 1
        version = StandardVersion.objects.create(
            service=service, number=number, data=data, source_sha256=digest, loaded_by=user
        )
        service.current = version
        service.name = data["name"]
        service.save(update_fields=["current", "name"])
        audit.record(
            "standards.load_standard",
            actor=user,
            office=office,
            obj=version,
            data={"service": service.code, "version": number, "sha256": digest},
        )
    return version, True
