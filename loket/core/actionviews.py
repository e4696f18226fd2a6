"""What a page does with a POST that runs one action and goes back to the record."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from loket.core.errors import ActionError


def act_and_return(request, run, to, *args, done=None):
    """Run the action; show its refusal (the message and each field's reason) or what
    happened (`done()`, a sentence saying what comes next; "Tersimpan." without it);
    then redirect to `to` (a URL name) with `args`."""
    try:
        run()
    except ActionError as exc:
        messages.error(request, exc.message)
        for message in exc.errors.values():
            messages.error(request, message)
    else:
        messages.success(request, done() if done else _("Tersimpan."))
    return redirect(to, *args)
