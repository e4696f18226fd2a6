from django.shortcuts import redirect, render

from loket.core.roles import is_officer


def home(request):
    """Officers land on their inbox, applicants on their files, the public on the catalogue."""
    if is_officer(request.user):
        return redirect("permits:inbox")
    if request.user.is_authenticated:
        return redirect("permits:mine")
    return redirect("standards:catalogue")


# Loket's own error pages, in the page's language. Django's defaults render 400, 403
# and 404 without the request (no navigation, no language switch); these render with
# it. 500 keeps Django's handler: 500.html is self-contained and needs neither the
# request nor the database, which may be what failed. Under /api/ the answers are
# reshaped into the API's JSON errors (loket.lib.api_errors).


def bad_request(request, exception):
    return render(request, "400.html", status=400)


def forbidden(request, exception):
    return render(request, "403.html", status=403)


def not_found(request, exception):
    return render(request, "404.html", status=404)
