"""Encrypt the complainants' phone and fax numbers already stored, fill the phone
hashes, and mask the phone number in the lines of the Buku Pengaduan (a list that is
shown and exported: the full number stays in the complaint, encrypted).

The fields became EncryptedCharField in 0003: saving a row writes a token.
"""

from django.db import migrations

from loket.lib import crypto_fields
from loket.lib.phones import mask_phone


def encrypt(apps, schema_editor):
    Complaint = apps.get_model("complaints", "Complaint")
    RegisterEntry = apps.get_model("complaints", "RegisterEntry")
    for complaint in Complaint.objects.order_by("pk").iterator(chunk_size=500):
        complaint.phone_hash = crypto_fields.phone_hash(complaint.phone)
        complaint.save(update_fields=["phone", "fax", "phone_hash"])
        if complaint.phone:
            # The historical manager is a plain one: the append-only guard is the
            # model's, and this correction is the migration's to make.
            for entry in RegisterEntry.objects.filter(complaint_id=complaint.pk):
                if complaint.phone in entry.identity:
                    RegisterEntry.objects.filter(pk=entry.pk).update(
                        identity=entry.identity.replace(complaint.phone, mask_phone(complaint.phone))
                    )


def decrypt(apps, schema_editor):
    # Back to plain text, written past the fields (which would encrypt it again); the
    # register keeps its masked numbers.
    Complaint = apps.get_model("complaints", "Complaint")
    table = Complaint._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        for complaint in Complaint.objects.order_by("pk").iterator(chunk_size=500):
            cursor.execute(
                f"UPDATE {table} SET phone = %s, fax = %s WHERE id = %s",
                [complaint.phone, complaint.fax, complaint.pk],
            )


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0003_personal_data_fields"),
    ]

    operations = [migrations.RunPython(encrypt, decrypt)]
