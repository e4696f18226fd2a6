"""`manage.py rekey_audit`: put the audit chain under the current AUDIT_KEY.

Run it once after setting AUDIT_KEY on a trail written before it (plain SHA-256; the
migration audit.0004 already does this when it finds one), or after changing AUDIT_KEY
with the old key in the environment variable named by --old-key-env. The chain must
verify under the old scheme first; the old anchor file is kept beside the new one
(its signatures are under the old key) and a new anchor is written at once.
"""

import os

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from loket.audit import anchor
from loket.audit.models import AuditEvent, AuditHead
from loket.audit.rekey import ChainBroken, rekey


class Command(BaseCommand):
    help = "Re-keys the audit chain under the current AUDIT_KEY (verifying the old one first)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--old-key-env",
            default="",
            help="the environment variable holding the previous AUDIT_KEY "
            "(default: the chain was written unkeyed)",
        )

    def handle(self, *args, old_key_env, **options):
        old_key = None
        if old_key_env:
            if not os.environ.get(old_key_env):
                raise CommandError(f"{old_key_env} is not set")
            old_key = os.environ[old_key_env].encode()
        try:
            count = rekey(AuditEvent, AuditHead, old_key)
        except ChainBroken as exc:
            raise CommandError(
                f"The chain does not verify under the old key at {exc}: nothing re-keyed "
                "(run verify_audit)."
            ) from exc
        if count == 0:
            self.stdout.write("The chain is already under AUDIT_KEY.")
            return
        path = anchor.anchor_path()
        if path.exists():
            path.rename(path.with_name(f"{path.name}.before-rekey-{timezone.now():%Y%m%d%H%M%S}"))
        anchor.write_anchor()
        self.stdout.write(f"Re-keyed {count} entries; new anchor in {path}.")
