"""Complaints by email: each new message becomes a complaint, each reply joins its thread.

Each message is handled on its own: one that cannot be read (an unknown charset, a
structure the parser trips on) is put in quarantine with its reason, for the complaint
clerk, and the messages after it are read on. In IMAP it is flagged ``$Quarantined``
and marked seen (and moved to COMPLAINTS_IMAP_QUARANTINE_FOLDER when that is set).

A message is read once only, by its Message-ID (a message without one is known by
the hash of its bytes). A reply is recognised by In-Reply-To/References naming a
message we already hold, or by the ticket number in the subject when it comes from
the complainant's own address.
"""

import hashlib
import imaplib
import logging
import re
from email import policy
from email.parser import BytesHeaderParser, BytesParser
from email.utils import parseaddr
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils.html import strip_tags

from loket.complaints import actions
from loket.complaints.config import setting
from loket.complaints.models import EMAIL, Complaint, InboundEmail, QuarantinedEmail
from loket.core.errors import ActionError
from loket.core.models import Office

log = logging.getLogger(__name__)
TICKET = re.compile(r"\bADU-\d{4}-\d{5}\b", re.IGNORECASE)
MSGID = re.compile(r"<[^<>\s]+>")
OUR_MESSAGE = re.compile(r"<complaint\.(\d+)\.(?:answer|received)[^@>]*@loket>")


def _message_id(msg, raw):
    found = MSGID.findall(str(msg.get("Message-ID", "")))
    if found:
        return found[0][:300]
    return f"<sha256-{hashlib.sha256(raw).hexdigest()}@loket.invalid>"


def _body(msg):
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    text = part.get_content()
    if part.get_content_type() == "text/html":
        text = strip_tags(text)
    return text.strip()


def _attachments(msg):
    uploads = []
    for part in msg.iter_attachments():
        data = part.get_payload(decode=True)
        if data:
            uploads.append(actions.Upload(name=part.get_filename() or "lampiran", data=data))
    return uploads


def _thread_of(office, msg, sender):
    refs = MSGID.findall(f"{msg.get('In-Reply-To', '')} {msg.get('References', '')}")
    if refs:
        known = (
            InboundEmail.objects.filter(office=office, message_id__in=refs, complaint__isnull=False)
            .select_related("complaint")
            .first()
        )
        if known:
            return known.complaint
        complaint = Complaint.objects.filter(office=office, email_message_id__in=refs).first()
        if complaint:
            return complaint
        # Our own answer or acknowledgement went out with a Message-ID made from its
        # outbox key (loket.notify.gateways): <complaint.{pk}.answer...@loket>.
        for ref in refs:
            ours = OUR_MESSAGE.fullmatch(ref)
            if ours:
                complaint = Complaint.objects.filter(
                    office=office, pk=int(ours.group(1)), email__iexact=sender
                ).first()
                if complaint:
                    return complaint
    ticket = TICKET.search(str(msg.get("Subject", "")))
    if ticket:
        # The ticket number alone is guessable; only its complainant may add to it.
        return Complaint.objects.filter(
            office=office, ticket__iexact=ticket.group(0), email__iexact=sender
        ).first()
    return None


def ingest_email(office, raw):
    """Turn one raw email into a complaint or a follow-up; returns (kind, complaint).

    kind is "new", "reply", "duplicate" or "refused" (nothing usable in it).
    """
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    message_id = _message_id(msg, raw)
    if InboundEmail.objects.filter(office=office, message_id=message_id).exists():
        return "duplicate", None
    name, sender = parseaddr(str(msg.get("From", "")))
    subject = str(msg.get("Subject", "")).strip()[:300]
    body = _body(msg)
    uploads = _attachments(msg)
    try:
        with transaction.atomic():
            record = InboundEmail.objects.create(
                office=office, message_id=message_id, sender=sender[:300], subject=subject
            )
            thread = _thread_of(office, msg, sender)
            if thread is not None:
                actions.add_message(
                    thread, body or subject, uploads, details={"message_id": message_id}
                )
                record.complaint, record.is_reply = thread, True
                record.save(update_fields=["complaint", "is_reply"])
                return "reply", thread
            # Email attachments are judged one by one: a refused file must not cost
            # the citizen their complaint, so it is left out and noted.
            kept, refused = [], []
            for up in uploads[: actions.MAX_ATTACHMENTS]:
                judged, problems = actions._judge([up])
                (kept if judged else refused).append(up if judged else problems[0])
            intake = actions.Intake(
                description=(body or subject or "(email tanpa isi)")[: actions.MAX_DESCRIPTION],
                subject=subject[:200],
                name=name,
                email=sender,
                uploads=kept,
            )
            # A mail's language is not known (the worker's active one says nothing of
            # it): the acknowledgement and the answer go out in Indonesian.
            complaint = actions.file_complaint(office, intake, channel=EMAIL, language="id")
            complaint.email_message_id = message_id
            complaint.save(update_fields=["email_message_id"])
            if refused:
                actions.add_message(
                    complaint, "", (), source="intake", details={"rejected": refused}
                )
            record.complaint = complaint
            record.save(update_fields=["complaint"])
            return "new", complaint
    except IntegrityError:
        # Another reader took the same message between our check and our insert.
        return "duplicate", None
    except ActionError as exc:
        log.warning("email %s refused: %s %s", message_id, exc.message, exc.errors)
        InboundEmail.objects.get_or_create(
            office=office, message_id=message_id, defaults={"sender": sender[:300]}
        )
        return "refused", None


QUARANTINED = "quarantined"
IMAP_QUARANTINE_FLAG = "$Quarantined"


def _rough_headers(raw):
    """Sender and subject of a message that could not be read, as far as they can be."""
    try:
        headers = BytesHeaderParser(policy=policy.compat32).parsebytes(raw)
        return str(headers.get("From", "")), str(headers.get("Subject", ""))
    except Exception:  # noqa: BLE001 - the headers are a courtesy to the clerk
        return "", ""


def read_one(office, raw, *, source, reference=""):
    """Ingest one message, or quarantine it when reading it fails; returns the kind."""
    digest = hashlib.sha256(raw).hexdigest()
    if QuarantinedEmail.objects.filter(office=office, sha256=digest).exists():
        return QUARANTINED
    try:
        # Its own transaction: a message that fails halfway leaves nothing behind.
        with transaction.atomic():
            kind, _complaint = ingest_email(office, raw)
        return kind
    except Exception as exc:  # noqa: BLE001 - any failure of one message is its own
        log.warning("email %s quarantined", reference or digest[:12], exc_info=True)
        sender, subject = _rough_headers(raw)
        actions.quarantine_email(
            office,
            raw,
            f"{type(exc).__name__}: {exc}",
            source=source,
            reference=reference,
            sender=sender,
            subject=subject,
        )
        return QUARANTINED


def default_office():
    code = setting("COMPLAINTS_OFFICE", "")
    offices = Office.objects.order_by("pk")
    return offices.get(code=code) if code else offices.first()


def read_folder(office, folder):
    """Read every *.eml file of a folder (a test mailbox, or mail dropped by a relay)."""
    counts = {}
    for path in sorted(Path(folder).glob("*.eml")):
        kind = read_one(
            office, path.read_bytes(), source=QuarantinedEmail.FOLDER, reference=path.name
        )
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def _set_aside(conn, num):
    """Flag a quarantined message (and move it, when a quarantine folder is set), so the
    mailbox shows what was set aside and no reading fetches it again."""
    conn.store(num, "+FLAGS", IMAP_QUARANTINE_FLAG)
    folder = setting("COMPLAINTS_IMAP_QUARANTINE_FOLDER", "")
    if folder:
        status, _data = conn.copy(num, folder)
        if status == "OK":
            conn.store(num, "+FLAGS", "\\Deleted")
            return True
    return False


def read_imap(office, connect=None):
    """Read unseen messages of the IMAP mailbox in COMPLAINTS_IMAP_* settings."""
    host = setting("COMPLAINTS_IMAP_HOST", "")
    if not host:
        return {}
    port = int(setting("COMPLAINTS_IMAP_PORT", 993))
    use_ssl = bool(setting("COMPLAINTS_IMAP_SSL", True))
    if connect is None:
        connect = imaplib.IMAP4_SSL if use_ssl else imaplib.IMAP4
    counts = {}
    conn = connect(host, port)
    try:
        conn.login(setting("COMPLAINTS_IMAP_USER", ""), setting("COMPLAINTS_IMAP_PASSWORD", ""))
        conn.select(setting("COMPLAINTS_IMAP_FOLDER", "INBOX"))
        _status, data = conn.search(None, "UNSEEN")
        moved = False
        for num in (data[0] or b"").split():
            _status, parts = conn.fetch(num, "(RFC822)")
            raw = next((p[1] for p in parts if isinstance(p, tuple)), None)
            if raw is None:
                continue
            kind = read_one(
                office, raw, source=QuarantinedEmail.IMAP, reference=num.decode("ascii")
            )
            counts[kind] = counts.get(kind, 0) + 1
            if kind == QUARANTINED:
                moved = _set_aside(conn, num) or moved
            conn.store(num, "+FLAGS", "\\Seen")
        if moved:
            conn.expunge()
    finally:
        try:
            conn.logout()
        except Exception:  # noqa: BLE001 - a failed logout must not hide what was read
            log.warning("IMAP logout failed", exc_info=True)
    return counts
