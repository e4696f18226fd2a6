"""The outbox: every message the office sends, written with the change that causes it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from loket.core.models import Office
from loket.lib.crypto_fields import EncryptedCharField
from loket.lib.masks import mask_contact
from loket.notify import channels
from loket.notify.channels import email, letter, sms

# The codes of the built-in channels, for the apps that queue messages; what a channel
# is and does is in its module (loket.notify.channels).
SMS, EMAIL, LETTER = sms.CODE, email.CODE, letter.CODE


class MessageTemplate(models.Model):
    """The text of one kind of message, per channel and language (edited in the admin).

    ``subject`` and ``body`` are Django template text; the context is documented
    where the message is queued (e.g. ``application``, ``permit``, ``office``, ``url``).
    """

    code = models.SlugField(_("kode"), max_length=40)
    channel = models.CharField(_("saluran"), max_length=8, choices=channels.choices)
    language = models.CharField(_("bahasa"), max_length=5, choices=settings.LANGUAGES)
    subject = models.CharField(_("subjek"), max_length=200, blank=True)
    body = models.TextField(_("isi"))

    class Meta:
        verbose_name = _("templat pesan")
        verbose_name_plural = _("templat pesan")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "channel", "language"], name="one_template_per_language"
            )
        ]
        ordering = ["code", "channel", "language"]

    def __str__(self):
        return f"{self.code} ({self.channel}, {self.language})"


class Outbox(models.Model):
    """One message to one recipient; ``idempotency_key`` names the event, never reused.

    notify does not know what a message is about: like a ``Letter``, the app that
    queues it names the record in ``about`` and gives what the lists show.
    """

    QUEUED, SENDING, SENT, FAILED = "queued", "sending", "sent", "failed"
    STATUSES = [
        (QUEUED, _("antre")),
        (SENDING, _("sedang dikirim")),
        (SENT, _("terkirim")),
        (FAILED, _("gagal")),
    ]

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("saluran"), max_length=8, choices=channels.choices)
    # A phone number or an email address: encrypted at rest, masked on lists and logs.
    # Blank once the retention period of the file or complaint it was about has ended.
    recipient = EncryptedCharField(_("penerima"), max_length=254, blank=True)
    subject = models.CharField(_("subjek"), max_length=200, blank=True)
    body = models.TextField(_("isi"))
    template_code = models.CharField(max_length=40, blank=True)
    idempotency_key = models.CharField(max_length=120, unique=True)
    status = models.CharField(_("status"), max_length=8, choices=STATUSES, default=QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The record the message is about, as "<app>.<model>:<id>" ("permits.application:42",
    # "complaints.complaint:7"), named by the app that queues it: that app finds its
    # messages by it (retention, a person's data export). Blank: about nothing kept.
    about = models.CharField(max_length=80, blank=True, db_index=True)
    # What the message concerns, as the officers' lists show it (the file's registration
    # number, the complaint's ticket), and the page of that record (a path on this site).
    reference = models.CharField(_("perihal"), max_length=80, blank=True)
    link = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("pesan keluar")
        verbose_name_plural = _("pesan keluar")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["office", "status", "created_at"])]

    def __str__(self):
        return f"{self.channel} {self.masked_recipient} {self.status}"

    @property
    def masked_recipient(self):
        try:
            return channels.get(self.channel).mask(self.recipient)
        except LookupError:
            return mask_contact(self.recipient)


class Letter(models.Model):
    """A printed letter the office sends by post (one per subject), e.g. the
    one-month notification of an uncollected permit.

    notify does not know what a letter is about: the app that makes it names the
    record in ``subject`` ("permits.permit:42") and gives what the letters list
    shows (the reference it concerns, the addressee, the page of the record).
    Addressee and address are personal data: the owner's retention rule clears them
    (loket.notify.retention).
    """

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    # The record the letter is about, as "<app>.<model>:<id>": one letter per record.
    subject = models.CharField(max_length=80, unique=True)
    # What the letter concerns, as the list shows it (the permit's number).
    reference = models.CharField(_("perihal"), max_length=80, blank=True)
    addressee = models.CharField(_("penerima"), max_length=200, blank=True)
    # The page of the record the letter is about (a path on this site).
    link = models.CharField(max_length=200, blank=True)
    # The letter's own reference number (Nomor), gap-free per office and year; letters
    # made before numbering existed have none.
    number = models.CharField(_("nomor surat"), max_length=80, blank=True)
    stored_name = models.CharField(max_length=80, unique=True)
    sha256 = models.CharField(max_length=64)
    address = models.TextField(_("alamat tujuan"), blank=True)
    due_on = models.DateField(_("batas pengambilan"))
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("dikirim"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("surat pemberitahuan")
        verbose_name_plural = _("surat pemberitahuan")
        ordering = ["sent_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "number"], condition=~Q(number=""), name="one_letter_number"
            )
        ]

    def __str__(self):
        return f"surat {self.reference or self.subject}"

    def get_absolute_url(self):
        return reverse("notify:letter_pdf", args=[self.pk])
