from django.db import migrations

CODE = "complaint_received"


def create(apps, schema_editor):
    # Offices that ran 0002 before this template existed get it now; an office's own
    # edits of other templates are left alone.
    from loket.notify.texts import DEFAULTS

    MessageTemplate = apps.get_model("notify", "MessageTemplate")
    for code, channel, language, subject, body in DEFAULTS:
        if code == CODE:
            MessageTemplate.objects.get_or_create(
                code=code,
                channel=channel,
                language=language,
                defaults={"subject": subject, "body": body},
            )


def remove(apps, schema_editor):
    apps.get_model("notify", "MessageTemplate").objects.filter(code=CODE).delete()


class Migration(migrations.Migration):
    dependencies = [("notify", "0003_letter_number")]
    operations = [migrations.RunPython(create, remove)]
