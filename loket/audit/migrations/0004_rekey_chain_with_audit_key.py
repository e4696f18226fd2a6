# The audit chain becomes an HMAC under AUDIT_KEY (loket/audit/chain.py). A trail written
# before (plain SHA-256) is re-keyed here, from the genesis hash, but only if it verifies
# as it is; a broken one is left for `verify_audit` to report. Reversing leaves the
# hashes keyed.

from django.db import migrations


def rekey_unkeyed_chain(apps, schema_editor):
    from loket.audit.rekey import ChainBroken, rekey

    try:
        rekey(apps.get_model("audit", "AuditEvent"), apps.get_model("audit", "AuditHead"))
    except ChainBroken as exc:
        print(f"\n  audit chain not re-keyed: it does not verify at {exc} (run verify_audit)")


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_office_moved_to_core")]

    operations = [migrations.RunPython(rekey_unkeyed_chain, migrations.RunPython.noop)]
