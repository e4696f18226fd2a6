"""What the notify app holds about an applicant, for their data export: the messages
sent to them. notify does not know what a message was about; the providers before it
(files, complaints) name the messages about their records in
``subject.records["messages"]`` (Q objects on the outbox). Registered in
NotifyConfig.ready with a late order, so it runs after them."""

from functools import reduce
from operator import or_

from loket.core.personal_data import export_time as when
from loket.notify.models import Outbox


def provide(subject):
    about = subject.records.get("messages", [])
    if not about:
        subject.export["messages"] = []
        return
    found = (
        Outbox.objects.filter(office_id=subject.applicant.office_id)
        .filter(reduce(or_, about))
        .order_by("created_at", "pk")
    )
    subject.export["messages"] = [
        {
            "channel": m.get_channel_display(),
            "recipient": m.recipient,
            "subject": m.subject,
            "body": m.body,
            "status": m.get_status_display(),
            "created_at": when(m.created_at),
            "sent_at": when(m.sent_at),
        }
        for m in found
    ]
