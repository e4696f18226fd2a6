# The kernel's models (Office, CalendarDay, Sequence) moved into loket.core with their
# tables unchanged: this changes only Django's picture of the models, never the database.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0005_register_book_order"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="complaint",
                    name="office",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="complaints",
                        to="core.office",
                    ),
                ),
                migrations.AlterField(
                    model_name="coordinationtask",
                    name="office",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.office",
                    ),
                ),
                migrations.AlterField(
                    model_name="inboundemail",
                    name="office",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.office",
                    ),
                ),
                migrations.AlterField(
                    model_name="monthlyreport",
                    name="office",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.office",
                    ),
                ),
                migrations.AlterField(
                    model_name="registerentry",
                    name="office",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.office",
                    ),
                ),
            ],
        ),
    ]
