"""The one-month letter: once per uncollected permit, never for a collected one."""

import datetime as dt

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from loket.notify.models import Letter
from loket.permits.issuance import letter_subject, one_month_after, send_uncollected_letters
from loket.permits.models import Application
from loket.testing import PASSWORD, advance, file_for, make_applicant


def _finished_on(application, day):
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
    Application.objects.filter(pk=application.pk).update(completed_at=at)


def test_it_counts_a_calendar_month_clamped_to_the_month_end():
    """31 January ends its month on 28 February (29 in a leap year); 15 Dec on 15 Jan."""
    assert one_month_after(dt.date(2027, 1, 31)) == dt.date(2027, 2, 28)
    assert one_month_after(dt.date(2028, 1, 31)) == dt.date(2028, 2, 29)
    assert one_month_after(dt.date(2026, 12, 15)) == dt.date(2027, 1, 15)
    assert one_month_after(dt.date(2026, 3, 31)) == dt.date(2026, 4, 30)


def test_it_makes_one_letter_per_uncollected_permit_and_none_for_collected(
    application, officers, sikts, office
):
    """A permit finished 31 Jan gets its letter on 1 Mar, not on 28 Feb; twice is once;
    a collected permit gets none."""
    ready = advance(application, officers, 9)
    _finished_on(ready, dt.date(2027, 1, 31))
    collected = advance(file_for(sikts, make_applicant(office, "Budi")), officers, 99)
    _finished_on(collected, dt.date(2027, 1, 2))

    assert send_uncollected_letters(today=dt.date(2027, 2, 28)) == []
    made = send_uncollected_letters(today=dt.date(2027, 3, 1))
    assert [letter.subject for letter in made] == [letter_subject(ready.permit.pk)]
    assert made[0].due_on == dt.date(2027, 2, 28)
    assert made[0].address == ready.applicant.address
    assert send_uncollected_letters(today=dt.date(2027, 3, 1)) == []
    call_command("send_uncollected_letters", stdout=open("/dev/null", "w"))
    assert Letter.objects.count() == 1


def test_it_lists_the_letter_for_the_back_office_to_print_and_mark_sent(application, officers):
    """The Back Office sees the letter, downloads its PDF and records when it was sent."""
    ready = advance(application, officers, 9)
    _finished_on(ready, timezone.localdate() - dt.timedelta(days=70))
    (letter,) = send_uncollected_letters()
    client = Client()
    client.login(username="back_office", password=PASSWORD)
    page = client.get("/pesan/surat/")
    assert ready.permit.number in page.content.decode()
    pdf = client.get(f"/pesan/surat/{letter.pk}.pdf")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    client.post(f"/pesan/surat/{letter.pk}/terkirim/")
    letter.refresh_from_db()
    ready.permit.refresh_from_db()
    assert letter.sent_at is not None and ready.permit.letter_sent_at == letter.sent_at
