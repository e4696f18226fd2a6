"""Every message names the record it was about, from what the row held so far.

A message with a key "complaint:<id>:…" was queued by the complaints app (which found
its messages by that key): it is about that complaint, shown with its ticket. Any
other message with a file is about that file ("permits.application:<id>"), shown with
its registration number. Each is one UPDATE over the table (a correlated subquery for
the number), on SQLite and PostgreSQL alike: no row passes through Python.
"""

from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat, StrIndex, Substr
from django.urls import NoReverseMatch, reverse

FILE = "permits.application:"
COMPLAINT = "complaints.complaint:"
COMPLAINT_KEY = "complaint:"
# An id no record has, to find where the id goes in a page's path.
MARK = "918273645"


def _page(url_name, id_text):
    """The path of a record's page with ``id_text`` (an SQL expression) as its id."""
    try:
        before, after = reverse(url_name, args=[MARK]).split(MARK)
    except (NoReverseMatch, ValueError):
        return Value("")
    return Concat(Value(before), id_text, Value(after), output_field=models.CharField())


def _id_in(about, prefix):
    """The id at the end of an ``about`` (an expression), as a number."""
    return Cast(Substr(about, len(prefix) + 1), models.BigIntegerField())


def forwards(apps, schema_editor):
    Outbox = apps.get_model("notify", "Outbox")
    Application = apps.get_model("permits", "Application")
    Complaint = apps.get_model("complaints", "Complaint")

    after_prefix = Substr("idempotency_key", len(COMPLAINT_KEY) + 1)
    complaint_id = Substr(after_prefix, 1, StrIndex(after_prefix, Value(":")) - 1)
    Outbox.objects.filter(idempotency_key__regex=r"^complaint:[0-9]+:").update(
        about=Concat(Value(COMPLAINT), complaint_id, output_field=models.CharField())
    )
    complaint = Complaint.objects.filter(pk=_id_in(OuterRef("about"), COMPLAINT)).order_by()
    ticket = complaint.values("ticket")
    Outbox.objects.filter(about__startswith=COMPLAINT).update(
        reference=Coalesce(Subquery(ticket[:1]), Value("")),
        link=_page("complaints:detail", Substr("about", len(COMPLAINT) + 1)),
    )

    file_id = Cast(F("application_id"), models.CharField())
    reg_number = (
        Application.objects.filter(pk=OuterRef("application_id")).order_by().values("reg_number")
    )
    Outbox.objects.filter(application__isnull=False, about="").update(
        about=Concat(Value(FILE), file_id, output_field=models.CharField()),
        reference=Coalesce(Subquery(reg_number[:1]), Value("")),
        link=_page("permits:detail", file_id),
    )


def backwards(apps, schema_editor):
    Outbox = apps.get_model("notify", "Outbox")
    Complaint = apps.get_model("complaints", "Complaint")
    Outbox.objects.filter(about__startswith=FILE).update(
        application_id=_id_in(F("about"), FILE)
    )
    file_of = Complaint.objects.filter(pk=_id_in(OuterRef("about"), COMPLAINT)).order_by()
    Outbox.objects.filter(about__startswith=COMPLAINT).update(
        application_id=Subquery(file_of.values("application_id")[:1])
    )
    Outbox.objects.update(about="", reference="", link="")


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0010_complaint_language"),
        ("notify", "0011_outbox_names_what_it_is_about"),
        ("permits", "0011_signing_certificates_and_signature_acts"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
