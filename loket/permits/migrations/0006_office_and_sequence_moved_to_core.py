# The kernel's models (Office, CalendarDay, Sequence) moved into loket.core with their
# tables unchanged: this changes only Django's picture of the models, never the database.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("permits", "0005_document_purged_at"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="application",
                    name="office",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="applications",
                        to="core.office",
                    ),
                ),
                migrations.AlterField(
                    model_name="permit",
                    name="office",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.office",
                    ),
                ),
                migrations.AlterField(
                    model_name="task",
                    name="office",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.office",
                    ),
                ),
                migrations.DeleteModel(
                    name="Sequence",
                ),
            ],
        ),
    ]
