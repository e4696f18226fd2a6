"""Encrypt the recipients (phone numbers, email addresses) already in the outbox.

The field became EncryptedCharField in 0005: saving a row writes a token.
"""

from django.db import migrations


def encrypt(apps, schema_editor):
    Outbox = apps.get_model("notify", "Outbox")
    for message in Outbox.objects.order_by("pk").iterator(chunk_size=1000):
        message.save(update_fields=["recipient"])


def decrypt(apps, schema_editor):
    # Back to plain text, written past the field (which would encrypt it again).
    Outbox = apps.get_model("notify", "Outbox")
    table = Outbox._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        for message in Outbox.objects.order_by("pk").iterator(chunk_size=1000):
            cursor.execute(
                f"UPDATE {table} SET recipient = %s WHERE id = %s", [message.recipient, message.pk]
            )


class Migration(migrations.Migration):
    dependencies = [
        ("notify", "0005_outbox_recipient_encrypted"),
    ]

    operations = [migrations.RunPython(encrypt, decrypt)]
