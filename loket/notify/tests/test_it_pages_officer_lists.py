"""The failed-message and letter lists: a page at a time, in constant queries, on the
page and in the API alike; unsent letters first on every database."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from loket.core.roles import BACK_OFFICE
from loket.notify import actions, queries
from loket.notify.models import SMS, Outbox
from loket.permits.issuance import send_uncollected_letters
from loket.permits.models import Application
from loket.testing import advance, file_for, make_applicant, page_queries

API = "/api/v1/notify"


def _failed(office, n, start=0):
    Outbox.objects.bulk_create(
        Outbox(
            office=office,
            channel=SMS,
            recipient="081234567890",
            body=f"Pesan {i}",
            idempotency_key=f"page:{i}",
            status=Outbox.FAILED,
            attempts=5,
        )
        for i in range(start, start + n)
    )


def _get(client, url, **params):
    queries, response = page_queries(client, url, params)
    assert response.status_code == 200
    return queries, response


def test_failed_messages_come_a_page_at_a_time_in_constant_queries(
    client, office, officers, monkeypatch
):
    monkeypatch.setattr(queries, "PAGE_SIZE", 3)
    client.force_login(officers[BACK_OFFICE])
    url = reverse("notify:failed")
    _failed(office, 1)
    few, _r = _get(client, url)
    _failed(office, 6, start=1)
    many, response = _get(client, url)
    assert many == few
    html = response.content.decode()
    assert html.count("Kirim ulang</button>") == 3
    assert "hal=2" in html
    third = _get(client, url, hal=3)[1].content.decode()
    assert third.count("Kirim ulang</button>") == 1 and "hal=4" not in third

    api = [
        client.get(f"{API}/outbox", {"status": "failed", "page": p}).json()["items"]
        for p in (1, 3, 4)
    ]
    assert [len(items) for items in api] == [3, 1, 0]
    # Newest first: the last one made leads the first page.
    assert api[0][0]["id"] == Outbox.objects.order_by("-pk").first().pk


def _letters(sikts, office, officers, n):
    """n permits left uncollected for a month, each with its letter."""
    finished = timezone.make_aware(dt.datetime(2027, 1, 5, 10, 0))
    for i in range(n):
        ready = advance(file_for(sikts, make_applicant(office, name=f"Pemohon {i}")), officers, 9)
        Application.objects.filter(pk=ready.pk).update(completed_at=finished)
    return send_uncollected_letters(today=dt.date(2027, 3, 1))


def test_unsent_letters_come_first_on_every_database(client, sikts, office, officers):
    older, newer = sorted(_letters(sikts, office, officers, 2), key=lambda letter: letter.pk)
    actions.mark_letter_sent(newer, officers[BACK_OFFICE])
    # Sorted by date sent, an unsent letter (no date) must still lead: PostgreSQL
    # puts NULL last unless told otherwise.
    assert [letter.pk for letter in queries.letter_queue(office)] == [older.pk, newer.pk]
    client.force_login(officers[BACK_OFFICE])
    assert [item["id"] for item in client.get(f"{API}/letters").json()["items"]] == [
        older.pk,
        newer.pk,
    ]
    html = client.get(reverse("notify:letters")).content.decode()
    assert html.index(older.reference) < html.index(newer.reference)
