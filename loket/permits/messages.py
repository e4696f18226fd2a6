"""The messages the permit flow sends: who gets what, under which idempotency key."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from loket.notify.actions import queue_message
from loket.notify.models import EMAIL, SMS

# How an outbox message names the file it is about (notify's ``Outbox.about``).
ABOUT_FILE = "permits.application:"


def about_file(application_id):
    return f"{ABOUT_FILE}{application_id}"


def naming(application):
    """What a message about the file names it by, and shows of it on officers' lists."""
    return {
        "about": about_file(application.pk),
        "reference": application.reg_number,
        "link": application.get_absolute_url(),
    }


def base_context(application):
    office = application.office
    applicant = application.applicant
    service = application.version.service
    track = (
        reverse("permits:track")
        + "?"
        + urlencode({"reg": application.reg_number, "code": application.tracking_code})
    )
    return {
        "name": applicant.full_name,
        "reg_number": application.reg_number,
        "service_code": service.code.upper(),
        "service_name": service.name,
        "office_name": office.name,
        "office_short": office.code.upper(),
        # Street, city and postal code: never blank (an office that has written no
        # street still has its city), so "collect it at ..." always says where.
        "office_address": office.full_address,
        "track_url": settings.SITE_URL + track,
        # The file page and the resubmission page need the applicant signed in (the
        # login page leads back to them); a walk-in without an account has neither.
        "has_account": bool(applicant.user_id),
        "account_url": settings.SITE_URL + application.get_absolute_url(),
        "resubmit_url": settings.SITE_URL + reverse("permits:resubmit", args=[application.pk]),
    }


def _send_both(application, code, context, key):
    applicant = application.applicant
    queued = []
    if applicant.phone:
        queued.append(
            queue_message(
                application.office,
                SMS,
                applicant.phone,
                code,
                context,
                f"{key}:sms",
                **naming(application),
                language=applicant.language,
            )
        )
    if applicant.email:
        queued.append(
            queue_message(
                application.office,
                EMAIL,
                applicant.email,
                code,
                context,
                f"{key}:email",
                **naming(application),
                language=applicant.language,
            )
        )
    return queued


def permit_ready(application, permit):
    """Step 8 done: the permit has a number and a signature; tell the applicant."""
    context = base_context(application) | {
        "number": permit.number,
        "verify_url": settings.SITE_URL + reverse("verify", args=[permit.verify_code]),
    }
    return _send_both(application, "permit_ready", context, f"permit_ready:{permit.pk}")


def file_returned(application, round_no):
    """Step 2 returned the file: tell the applicant what to fix (once per return)."""
    items = [(_item_name(item, application), item["problem"]) for item in application.to_fix or []]
    context = base_context(application) | {
        "to_fix": "; ".join(f"{name}: {problem}" for name, problem in items),
        "to_fix_lines": "\n".join(f"- {name}: {problem}" for name, problem in items),
    }
    return _send_both(
        application, "file_returned", context, f"file_returned:{application.pk}:{round_no}"
    )


def _item_name(item, application):
    """The item's name in the applicant's language: the officer's note ("Catatan") and
    "Lainnya" were named in the officer's language when the file was returned."""
    with translation.override(application.applicant.language):
        if not item.get("requirement"):
            return _("Catatan")
        if item["requirement"] == "lainnya":
            return _("Lainnya")
    return item["name"]
