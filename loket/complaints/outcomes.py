"""What the officer reads after acting on a complaint: what happened and what comes
next (who acts now, and by when), instead of "Tersimpan."."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loket.complaints.models import Complaint
from loket.core.roles import role_label

WEIGHED = gettext_lazy("bobot %(weight)s ditetapkan")
COORDINATED = gettext_lazy("hasil koordinasi dicatat")
ANSWERED = gettext_lazy("jawaban disimpan")
DELIVERED = gettext_lazy("penyampaian jawaban dicatat")


def after(pk, what):
    complaint = Complaint.objects.get(pk=pk)
    done = str(what) % {"weight": complaint.get_weight_display()}
    waiting = [
        role_label(t.role) for t in complaint.tasks.filter(closed_at__isnull=True).order_by("pk")
    ]
    if waiting:
        then = _("Menunggu koordinasi: %(roles)s.") % {"roles": ", ".join(map(str, waiting))}
    elif complaint.closed_at:
        then = _("Pengaduan selesai.")
    else:
        then = _("Status: %(status)s.") % {"status": complaint.get_status_display()}
    due = date_format(timezone.localtime(complaint.due_at), "j F Y")
    return _("Pengaduan %(ticket)s: %(done)s. %(then)s Batas waktu: %(due)s.") % {
        "ticket": complaint.ticket,
        "done": done,
        "then": then,
        "due": due,
    }
