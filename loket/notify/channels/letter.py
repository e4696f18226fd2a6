"""A printed letter: made as a PDF (loket.notify.actions.create_letter), printed and
posted by the Back Office, who records it sent. The worker never sends it."""

from django.utils.translation import gettext_lazy as _

from loket.notify.channels import Channel

CODE = "letter"

CHANNEL = Channel(code=CODE, label=_("Surat"))
