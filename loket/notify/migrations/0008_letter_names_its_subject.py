"""A letter names the record it is about instead of a foreign key to a permit.

notify knows messages and channels only: the permit a letter was about becomes its
`subject` ("permits.permit:<id>"), with what the letters list shows copied from it
(the permit's number, the holder's name and the page of the file).
"""

from django.db import migrations, models
from django.urls import NoReverseMatch, reverse


def _link(application_id):
    try:
        return reverse("permits:detail", args=[application_id])
    except NoReverseMatch:
        return ""


def from_permit(apps, schema_editor):
    Letter = apps.get_model("notify", "Letter")
    for letter in Letter.objects.select_related("permit__application__applicant"):
        permit = letter.permit
        letter.subject = f"permits.permit:{permit.pk}"
        letter.reference = permit.number
        letter.addressee = permit.application.applicant.full_name
        letter.link = _link(permit.application_id)
        letter.save(update_fields=["subject", "reference", "addressee", "link"])


def to_permit(apps, schema_editor):
    Letter = apps.get_model("notify", "Letter")
    for letter in Letter.objects.all():
        letter.permit_id = int(letter.subject.rsplit(":", 1)[1])
        letter.save(update_fields=["permit"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_office_moved_to_core"),
        ("notify", "0007_office_moved_to_core"),
        ("permits", "0006_office_and_sequence_moved_to_core"),
    ]

    operations = [
        migrations.AddField(
            model_name="letter",
            name="subject",
            field=models.CharField(max_length=80, null=True),
        ),
        migrations.AddField(
            model_name="letter",
            name="reference",
            field=models.CharField(blank=True, max_length=80, verbose_name="perihal"),
        ),
        migrations.AddField(
            model_name="letter",
            name="addressee",
            field=models.CharField(blank=True, max_length=200, verbose_name="penerima"),
        ),
        migrations.AddField(
            model_name="letter",
            name="link",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AlterField(
            model_name="letter",
            name="address",
            field=models.TextField(blank=True, verbose_name="alamat tujuan"),
        ),
        # The reverse needs the permit back (nullable until it is filled again).
        migrations.AlterField(
            model_name="letter",
            name="permit",
            field=models.OneToOneField(
                null=True,
                on_delete=models.PROTECT,
                related_name="letter",
                to="permits.permit",
            ),
        ),
        migrations.RunPython(from_permit, to_permit),
        migrations.RemoveField(model_name="letter", name="permit"),
        migrations.AlterField(
            model_name="letter",
            name="subject",
            field=models.CharField(max_length=80, unique=True),
        ),
    ]
