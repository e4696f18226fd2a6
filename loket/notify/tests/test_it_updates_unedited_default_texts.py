"""The migration to whole-word SMS texts replaces a template only where the office never
edited it: a row that still reads as the old default gets the new one, an office's own
text stays."""

import importlib

from django.apps import apps

from loket.notify.models import MessageTemplate
from loket.notify.texts import DEFAULTS

migration = importlib.import_module(
    "loket.notify.migrations.0010_sms_texts_fit_whole_words_and_link_where_to_act"
)


def test_it_replaces_the_old_default_and_keeps_an_edited_text(db):
    """The unedited Indonesian row becomes the new default; the edited English one stays."""
    old_subject, old_body = migration.PREVIOUS[("file_returned", "sms", "id")]
    assert "slice" in old_body
    MessageTemplate.objects.filter(code="file_returned", channel="sms", language="id").update(
        subject=old_subject, body=old_body
    )
    MessageTemplate.objects.filter(code="file_returned", channel="sms", language="en").update(
        body="Our own text: {{ reg_number }}"
    )
    migration.update(apps, None)
    new = {(c, ch, lang): body for c, ch, lang, _s, body in DEFAULTS}
    rows = MessageTemplate.objects.filter(code="file_returned", channel="sms")
    assert rows.get(language="id").body == new[("file_returned", "sms", "id")]
    assert "resubmit_url" in rows.get(language="id").body
    assert rows.get(language="en").body == "Our own text: {{ reg_number }}"
