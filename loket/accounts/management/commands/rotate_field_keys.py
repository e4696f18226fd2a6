"""Rewrite every encrypted value under the first of FIELD_ENCRYPTION_KEYS, and every
lookup hash under the current FIELD_HASH_KEY.

Key rotation (docs/privacy.md): put the new key first in FIELD_ENCRYPTION_KEYS (keep
the old one after it), restart, run this, then remove the old key. After a change of
FIELD_HASH_KEY run it before anyone looks up a NIK: until then no NIK is found (and
applicants cannot sign in).
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from loket.accounts.backends import applicant_username
from loket.lib.crypto_fields import EncryptedCharField, nik_hash, phone_hash

CHUNK = 500


def _encrypted_fields(model):
    return [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedCharField)]


def _rehash(model, row):
    """The lookup hashes a row's plain values give under the current hash key."""
    label = model._meta.label_lower
    if label == "accounts.applicant":
        return {"nik_hash": nik_hash(row["nik"]) if row["nik"] else None}
    if label == "complaints.complaint":
        return {"phone_hash": phone_hash(row["phone"])}
    return {}


class Command(BaseCommand):
    help = "Re-encrypt personal data under the first FIELD_ENCRYPTION_KEYS key; redo its hashes."

    def handle(self, *args, **options):
        User = get_user_model()
        for model in apps.get_models():
            fields = _encrypted_fields(model)
            if not fields:
                continue
            manager = model._base_manager
            ids = list(manager.order_by("pk").values_list("pk", flat=True))
            for start in range(0, len(ids), CHUNK):
                with transaction.atomic():
                    rows = manager.filter(pk__in=ids[start : start + CHUNK]).values(
                        "pk", *fields, *(["user_id"] if hasattr(model, "user_id") else [])
                    )
                    for row in rows:
                        # Saving the plain value writes a fresh token under the first key.
                        values = {name: row[name] for name in fields} | _rehash(model, row)
                        manager.filter(pk=row["pk"]).update(**values)
                        if model._meta.label_lower == "accounts.applicant" and row["nik"]:
                            User.objects.filter(
                                pk=row.get("user_id"), username__startswith="nik-"
                            ).update(username=applicant_username(row["nik"]))
            self.stdout.write(f"{model._meta.label}: {len(ids)} baris ({', '.join(fields)})")
