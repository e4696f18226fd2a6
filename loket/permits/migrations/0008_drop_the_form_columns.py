"""The SIKTS columns, copied into the answers by 0007, are dropped."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("permits", "0007_answers_from_the_standards_form")]

    operations = [
        migrations.RemoveField(model_name="application", name="workplace_name"),
        migrations.RemoveField(model_name="application", name="workplace_address"),
        migrations.RemoveField(model_name="application", name="str_number"),
        migrations.RemoveField(model_name="application", name="str_valid_until"),
        migrations.RemoveField(model_name="application", name="previous_permit_number"),
    ]
