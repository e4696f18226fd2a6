"""Encrypt the NIKs and phone numbers already stored, fill the NIK hashes, and rename
applicants' accounts from their NIK to its keyed hash (they still sign in with the NIK).

The fields became EncryptedCharField in 0004: reading gives the plain value (plain
text reads as itself) and saving writes a token, so saving every row encrypts it.
"""

from django.db import migrations

from loket.lib import crypto_fields


def encrypt(apps, schema_editor):
    Applicant = apps.get_model("accounts", "Applicant")
    User = apps.get_model("auth", "User")
    for applicant in Applicant.objects.order_by("pk").iterator(chunk_size=500):
        applicant.nik_hash = crypto_fields.nik_hash(applicant.nik) if applicant.nik else None
        applicant.save(update_fields=["nik", "phone", "nik_hash"])
        if applicant.user_id and applicant.nik:
            User.objects.filter(pk=applicant.user_id, username=applicant.nik).update(
                username="nik-" + applicant.nik_hash
            )


def decrypt(apps, schema_editor):
    # Back to plain text, written past the field (which would encrypt it again).
    Applicant = apps.get_model("accounts", "Applicant")
    User = apps.get_model("auth", "User")
    table = Applicant._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        for applicant in Applicant.objects.order_by("pk").iterator(chunk_size=500):
            cursor.execute(
                f"UPDATE {table} SET nik = %s, phone = %s WHERE id = %s",
                [applicant.nik, applicant.phone, applicant.pk],
            )
            if applicant.user_id and applicant.nik_hash:
                User.objects.filter(
                    pk=applicant.user_id, username="nik-" + applicant.nik_hash
                ).update(username=applicant.nik)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_personal_data_fields"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(encrypt, decrypt)]
