"""Every write of the notify app: queueing, delivering and retrying messages, letters.

A message is queued inside the caller's transaction, so it exists exactly when the
change that caused it commits; the worker is only told about it after the commit.
Delivery claims a row with a conditional UPDATE before calling the gateway, so two
workers never send the same row at once, and passes the idempotency key so that a
re-send after a crash is recognised by the gateway.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.template import Context, Template
from django.utils import timezone
from django.utils.translation import gettext as _

from loket import audit
from loket.core.errors import Conflict, Invalid, NotAllowed
from loket.core.roles import BACK_OFFICE, FRONT_OFFICE, acts_as
from loket.core.storage import remove_private, store_private
from loket.lib import sms
from loket.notify import channels, gateways, signals, texts
from loket.notify.channels.email import CODE as EMAIL_CHANNEL
from loket.notify.footer import email_footer
from loket.notify.models import Letter, MessageTemplate, Outbox

log = logging.getLogger(__name__)

# Officers who watch the outbox and may retry a failed message.
OUTBOX_ROLES = (FRONT_OFFICE, BACK_OFFICE)


def _template_text(code, channel, language):
    for lang in (language, "id"):
        found = MessageTemplate.objects.filter(code=code, channel=channel, language=lang).first()
        if found is not None:
            return found.subject, found.body
    for lang in (language, "id"):
        for c, ch, default_lang, subject, body in texts.DEFAULTS:
            if (c, ch, default_lang) == (code, channel, lang):
                return subject, body
    raise Invalid(_("Templat pesan %(code)s (%(channel)s) tidak ada.") % locals())


def render_message(code, channel, context, language="id"):
    """(subject, body) of a template rendered with ``context``; never HTML-escaped.

    A channel with a length limit (SMS: two segments) gets a message that fits: when
    the rendered text is too long, the longest free-text value (``texts.SHORTENABLE``:
    the items to fix, an answer, an address, never a number or a link) is shortened
    at a word boundary with "…", and the text rendered again. The link each template
    carries leads to the full text.
    """
    subject_text, body_text = _template_text(code, channel, language)
    carrier = _channel(channel)
    values = dict(context)
    for _attempt in range(50):
        ctx = Context(values, autoescape=False)
        subject, body = carrier.prepare(
            Template(subject_text).render(ctx).strip(), Template(body_text).render(ctx).strip()
        )
        over = carrier.overflow(body)
        if over <= 0:
            break
        if not _shorten_longest(values, body_text, over):
            # Only the template's own words and the values that must stay whole are
            # left: an office's edited template is too long. Sent whole, and said.
            log.warning("message %s (%s, %s) is %s over its limit", code, channel, language, over)
            break
    return subject, body


def _shorten_longest(values, template_text, over):
    """Shorten the longest free-text value the template uses by ``over`` characters
    (no further than the next longest, so the cut is shared); False if none is left."""
    used = sorted(
        (
            key
            for key in texts.SHORTENABLE
            if isinstance(values.get(key), str)
            and len(values[key]) > len(sms.ELLIPSIS)
            and key in template_text
        ),
        key=lambda key: len(values[key]),
        reverse=True,
    )
    if not used:
        return False
    longest = len(values[used[0]])
    following = len(values[used[1]]) if len(used) > 1 else 0
    target = longest - over
    if following < longest:
        target = max(target, following)
    values[used[0]] = sms.shorten(values[used[0]], max(target, 0))
    return True


def _channel(code):
    try:
        return channels.get(code)
    except LookupError:
        raise Invalid(_("Saluran %(channel)s tidak dikenal.") % {"channel": code}) from None


def queue_message(
    office,
    channel,
    recipient,
    template_code,
    context,
    key,
    *,
    about="",
    reference="",
    link="",
    language="id",
):
    """Write a message to the outbox in the current transaction; send it after commit.

    ``key`` names the event and the recipient (e.g. ``permit_ready:12:sms``); the same
    key queued twice is one message. ``about`` names the record the message is about
    ("permits.application:12"), by which the app that owns it finds its messages again;
    ``reference`` and ``link`` are what the officers' lists show of that record (its
    number, the path of its page). A recipient the channel cannot use (an address
    that is no address) does not stop the change that caused the message: the message
    is written as failed, with the reason, for the officers' list of failed messages.
    """
    existing = Outbox.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    status, error = Outbox.QUEUED, ""
    try:
        recipient = _channel(channel).clean(recipient)
    except ValueError as exc:
        status = Outbox.FAILED
        error = _("Penerima tidak valid: %(reason)s") % {"reason": exc}
    subject, body = render_message(template_code, channel, context, language)
    if channel == EMAIL_CHANNEL:
        body = f"{body}\n\n{email_footer(office, language)}"
    message = Outbox.objects.create(
        office=office,
        channel=channel,
        recipient=recipient,
        subject=subject[:200],
        body=body,
        template_code=template_code,
        idempotency_key=key,
        about=about,
        reference=reference,
        link=link,
        status=status,
        last_error=error,
    )
    if status == Outbox.QUEUED:
        transaction.on_commit(lambda: _enqueue(message.pk))
    return message


def _enqueue(outbox_id, run_after=None):
    from loket.notify.tasks import deliver

    task = deliver
    if run_after is not None:
        if not deliver.get_backend().supports_defer:
            # The sweep picks it up when it is due.
            return
        task = deliver.using(run_after=run_after)
    task.enqueue(outbox_id)


def _due_q(now):
    return Q(status=Outbox.QUEUED) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    ) | Q(status=Outbox.SENDING, next_attempt_at__lte=now)


def deliver_message(outbox_id, now=None):
    """Send one message if it is due; returns its status afterwards.

    A row in ``sending`` whose lease has expired belongs to a worker that died
    mid-send: it is claimed again and re-sent with the same idempotency key.
    """
    now = now or timezone.now()
    lease = now + timedelta(seconds=settings.SMS_LEASE_SECONDS)
    claimed = (
        Outbox.objects.filter(pk=outbox_id)
        .filter(_due_q(now))
        .update(status=Outbox.SENDING, attempts=F("attempts") + 1, next_attempt_at=lease)
    )
    message = Outbox.objects.get(pk=outbox_id)
    if not claimed:
        return message.status
    try:
        channel = channels.get(message.channel)
        if channel.send is None:
            raise gateways.GatewayError(f"channel {message.channel} is not sent by the worker")
        channel.send(message)
    except Exception as exc:  # any failure is a failed attempt, never a stuck row
        return _attempt_failed(message, exc, now)
    with transaction.atomic():
        sent = Outbox.objects.filter(pk=message.pk, status=Outbox.SENDING).update(
            status=Outbox.SENT, sent_at=timezone.now(), next_attempt_at=None, last_error=""
        )
        if sent:
            audit.record(
                "notify.message_sent",
                actor=None,
                office=message.office_id,
                obj=message,
                data={
                    "channel": message.channel,
                    "template": message.template_code,
                    "attempts": message.attempts,
                    "about": message.about,
                },
            )
    return Outbox.SENT


def _attempt_failed(message, exc, now):
    error = f"{type(exc).__name__}: {exc}"[:2000]
    if message.attempts >= settings.SMS_MAX_ATTEMPTS:
        with transaction.atomic():
            Outbox.objects.filter(pk=message.pk).update(
                status=Outbox.FAILED, last_error=error, next_attempt_at=None
            )
            audit.record(
                "notify.message_failed",
                actor=None,
                office=message.office_id,
                obj=message,
                data={
                    "channel": message.channel,
                    "template": message.template_code,
                    "attempts": message.attempts,
                    "about": message.about,
                },
            )
        return Outbox.FAILED
    delay = settings.SMS_RETRY_SECONDS * 2 ** (message.attempts - 1)
    when = now + timedelta(seconds=delay)
    Outbox.objects.filter(pk=message.pk).update(
        status=Outbox.QUEUED, last_error=error, next_attempt_at=when
    )
    _enqueue(message.pk, run_after=when)
    return Outbox.QUEUED


def sweep_outbox(now=None):
    """Deliver every due message (retries and rows left by a dead worker)."""
    now = now or timezone.now()
    ids = list(Outbox.objects.filter(_due_q(now)).order_by("pk").values_list("pk", flat=True))
    for pk in ids:
        deliver_message(pk, now=now)
    return len(ids)


def _check_officer(user, office):
    if not any(acts_as(user, role, office) for role in OUTBOX_ROLES):
        raise NotAllowed(_("Hanya petugas Front Office atau Back Office yang mengelola pesan."))


def retry_message(message, user):
    """An officer sends a failed message again (with the same idempotency key)."""
    _check_officer(user, message.office)
    with transaction.atomic():
        updated = Outbox.objects.filter(pk=message.pk, status=Outbox.FAILED).update(
            status=Outbox.QUEUED,
            attempts=0,
            next_attempt_at=None,
            last_error=_("dikirim ulang oleh %(name)s") % {"name": user.get_username()},
        )
        if not updated:
            raise Conflict(_("Pesan ini tidak dalam status gagal."))
        audit.record(
            "notify.retry_message",
            actor=user,
            office=message.office_id,
            obj=message,
            role=next(r for r in OUTBOX_ROLES if acts_as(user, r, message.office)),
            data={"channel": message.channel, "template": message.template_code},
        )
        transaction.on_commit(lambda: _enqueue(message.pk))
    message.refresh_from_db()
    return message


def create_letter(
    office, *, subject, pdf, due_on, number="", reference="", addressee="", address="", link=""
):
    """Store a letter's PDF and its row, in the caller's transaction.

    ``subject`` names the record the letter is about ("permits.permit:42"); a second
    letter about the same subject raises IntegrityError (one letter per record), and
    its PDF is not kept.
    """
    name, digest = store_private(pdf, "pdf")
    try:
        with transaction.atomic():
            return Letter.objects.create(
                office=office,
                subject=subject,
                number=number,
                reference=reference,
                addressee=addressee,
                address=address,
                link=link,
                stored_name=name,
                sha256=digest,
                due_on=due_on,
            )
    except BaseException:
        remove_private([name])
        raise


def mark_letter_sent(letter, user):
    """The Back Office records that the printed letter went out (once); the app the
    letter is about hears it through `signals.letter_sent`."""
    if not acts_as(user, BACK_OFFICE, letter.office):
        raise NotAllowed(_("Hanya Back Office yang mencatat pengiriman surat."))
    with transaction.atomic():
        now = timezone.now()
        updated = Letter.objects.filter(pk=letter.pk, sent_at__isnull=True).update(
            sent_at=now, sent_by=user
        )
        if not updated:
            raise Conflict(_("Surat ini sudah dicatat terkirim."))
        letter.refresh_from_db()
        signals.letter_sent.send(sender=Letter, letter=letter, sent_at=now)
        audit.record(
            "notify.mark_letter_sent",
            actor=user,
            office=letter.office_id,
            obj=letter,
            role=BACK_OFFICE,
            data={"subject": letter.subject},
        )
    return letter
