# The kernel's models (Office, CalendarDay, Sequence) moved into loket.core with their
# tables unchanged: this changes only Django's picture of the models, never the database.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("surveys", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="followupitem",
                    name="office",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.office",
                    ),
                ),
                migrations.AlterField(
                    model_name="surveyinvitation",
                    name="office",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.office",
                    ),
                ),
                migrations.AlterField(
                    model_name="surveyresponse",
                    name="office",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.office",
                    ),
                ),
                migrations.AlterField(
                    model_name="surveysetting",
                    name="office",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="survey_setting",
                        to="core.office",
                    ),
                ),
            ],
        ),
    ]
