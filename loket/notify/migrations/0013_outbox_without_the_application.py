"""notify no longer points at a permit file: the message names it in `about` (0011)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("notify", "0012_outbox_about_from_the_application"),
    ]

    operations = [
        migrations.RemoveField(model_name="outbox", name="application"),
    ]
