# One applicant per NIK and office, now checked on the NIK's keyed hash (0005 filled it).
# A migration of its own: PostgreSQL refuses to alter a table with the pending trigger
# events 0005's updates leave in their transaction.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_encrypt_personal_data"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="applicant",
            constraint=models.UniqueConstraint(
                fields=("office", "nik_hash"), name="one_nik_hash_per_office"
            ),
        ),
    ]
