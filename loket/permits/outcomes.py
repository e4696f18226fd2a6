"""What the officer reads after acting on a file: what happened and what comes next.

One sentence per outcome, with the file's number, who has it now and by when, so the
confirmation panel says more than "saved".
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from loket.core.roles import role_label
from loket.permits.models import Application


def when(at):
    """A deadline as an officer reads it, in the active language: "12 Desember 2026 14.00"."""
    return date_format(timezone.localtime(at), "j F Y H:i")


def after_step(application):
    """After a step is completed or the file is returned."""
    application = Application.objects.select_related("version").get(pk=application.pk)
    reg = application.reg_number
    if application.status == Application.RETURNED:
        return _(
            "Berkas %(reg)s dikembalikan ke pemohon. Pemohon diberi tahu apa yang harus "
            "diperbaiki; berkas kembali ke langkah pemeriksaan setelah dikirim ulang."
        ) % {"reg": reg}
    task = application.tasks.filter(closed_at__isnull=True).first()
    if task is None:
        return _("Berkas %(reg)s selesai.") % {"reg": reg}
    step = application.spec.step(task.step_no)
    return _(
        "Berkas %(reg)s diteruskan ke %(role)s untuk langkah %(no)s: %(label)s. "
        "Batas waktu: %(due)s."
    ) % {
        "reg": reg,
        "role": role_label(task.role),
        "no": step.no,
        "label": step.label,
        "due": when(task.due_at),
    }


def after_receipt(application, task):
    """After the officer initials receipt of the file."""
    return _(
        "Berkas %(reg)s Anda terima; paraf tercatat di kartu kendali. "
        "Selesaikan langkah ini sebelum %(due)s."
    ) % {"reg": application.reg_number, "due": when(task.due_at)}
