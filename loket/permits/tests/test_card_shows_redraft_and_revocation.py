"""The control card names a redraft and a revocation in words, with their reasons."""

from django.urls import reverse

from loket.permits import issuance
from loket.permits.models import ControlCardEntry
from loket.testing import advance


def test_it_labels_redraft_and_revocation_and_shows_the_reasons(client, application, officers):
    """The card reads "draf dicetak ulang" and "izin dicabut" (not their codes), each with
    the reason the officer gave, on the page and in the printed card."""
    application = advance(application, officers, 5)
    application = issuance.regenerate_draft(
        application, officers["back_office"], "Salah ketik nama tempat kerja"
    )
    application = advance(application, officers, 9)
    issuance.revoke_permit(application.permit, officers["kepala_dinas"], "STR dicabut oleh KTKI")

    events = dict((e.event, e.get_event_display()) for e in application.card_entries.order_by("pk"))
    assert events[ControlCardEntry.REDRAFTED] == "draf dicetak ulang, paraf diulang"
    assert events[ControlCardEntry.REVOKED] == "izin dicabut"

    client.force_login(officers["sekretaris"])
    page = client.get(reverse("permits:detail", args=[application.pk])).content.decode()
    assert "<td>draf dicetak ulang, paraf diulang</td>" in page
    assert "<td>izin dicabut</td>" in page
    assert "<td>redrafted</td>" not in page and "<td>revoked</td>" not in page
    assert "Alasan: Salah ketik nama tempat kerja" in page
    assert "Alasan: STR dicabut oleh KTKI" in page
    printed = client.get(reverse("permits:card_pdf", args=[application.pk]))
    assert printed.status_code == 200 and printed.content.startswith(b"%PDF")
