"""A channel is one registry entry: one registered here (a carrier pigeon) is offered
by the model fields, cleans and masks its recipients, shapes its text and is sent by
the worker, with no other change to notify."""

import pytest

from loket.core.errors import Invalid
from loket.notify import channels
from loket.notify.actions import queue_message
from loket.notify.models import MessageTemplate, Outbox


@pytest.fixture
def pigeon():
    carried = []

    def clean(recipient):
        value = recipient.strip().upper()
        if not value.startswith("LOFT-"):
            raise ValueError("Bukan kandang merpati.")
        return value

    channels.register(
        channels.Channel(
            code="pigeon",
            label="Merpati pos",
            send=lambda message: carried.append((message.recipient, message.body)),
            clean=clean,
            mask=lambda recipient: recipient[:5] + "***",
            prepare=lambda subject, body: (subject, body.upper()),
        )
    )
    MessageTemplate.objects.create(
        code="hello", channel="pigeon", language="id", body="Halo {{ name }}"
    )
    yield carried
    channels.unregister("pigeon")


def test_it_sends_a_message_by_a_channel_registered_in_a_test(
    office, pigeon, django_capture_on_commit_callbacks
):
    """Queued, cleaned, shaped, sent by the worker, masked and labelled by the entry."""
    with django_capture_on_commit_callbacks(execute=True):
        queued = queue_message(office, "pigeon", " loft-17 ", "hello", {"name": "Siti"}, "t:1")
    message = Outbox.objects.get(pk=queued.pk)
    assert message.status == Outbox.SENT
    assert pigeon == [("LOFT-17", "HALO SITI")]
    assert message.masked_recipient == "LOFT-***"
    assert message.get_channel_display() == "Merpati pos"
    assert ("pigeon", "Merpati pos") in Outbox._meta.get_field("channel").choices


def test_it_marks_failed_a_recipient_the_channel_cannot_use(
    office, pigeon, django_capture_on_commit_callbacks
):
    """The change that queues it goes on; the message waits, failed, with the reason."""
    with django_capture_on_commit_callbacks(execute=True):
        queued = queue_message(office, "pigeon", "0812-3456", "hello", {"name": "Siti"}, "t:2")
    message = Outbox.objects.get(pk=queued.pk)
    assert message.status == Outbox.FAILED and pigeon == []
    assert message.last_error == "Penerima tidak valid: Bukan kandang merpati."


def test_it_refuses_an_unknown_channel(office):
    """A channel nobody registered is a mistake in the caller: refused, nothing stored."""
    with pytest.raises(Invalid):
        queue_message(office, "telegram", "x", "hello", {}, "t:3")
    assert not Outbox.objects.exists()
