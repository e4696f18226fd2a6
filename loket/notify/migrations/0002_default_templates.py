from django.db import migrations

# A frozen copy would drift from loket/notify/texts.py; these texts are defaults an
# office edits in the admin, so the current module is the right source.
from loket.notify.texts import DEFAULTS


def create(apps, schema_editor):
    MessageTemplate = apps.get_model("notify", "MessageTemplate")
    for code, channel, language, subject, body in DEFAULTS:
        MessageTemplate.objects.get_or_create(
            code=code,
            channel=channel,
            language=language,
            defaults={"subject": subject, "body": body},
        )


class Migration(migrations.Migration):
    dependencies = [("notify", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
