# The kernel's models (Office, CalendarDay, Sequence) moved into loket.core with their
# tables unchanged: this changes only Django's picture of the models, never the database.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_one_nik_hash_per_office"),
        ("audit", "0003_office_moved_to_core"),
        ("complaints", "0006_office_moved_to_core"),
        ("core", "0001_initial"),
        ("notify", "0007_office_moved_to_core"),
        ("permits", "0006_office_and_sequence_moved_to_core"),
        ("standards", "0002_office_moved_to_core"),
        ("surveys", "0002_office_moved_to_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="officer",
                    name="office",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="officers",
                        to="core.office",
                    ),
                ),
                migrations.AlterField(
                    model_name="applicant",
                    name="office",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="applicants",
                        to="core.office",
                    ),
                ),
                migrations.DeleteModel(
                    name="CalendarDay",
                ),
                migrations.DeleteModel(
                    name="Office",
                ),
            ],
        ),
    ]
