from django.shortcuts import redirect

from loket.core.roles import is_officer


def home(request):
    """Officers land on their inbox, applicants on their files, the public on the catalogue."""
    if is_officer(request.user):
        return redirect("permits:inbox")
    if request.user.is_authenticated:
        return redirect("permits:mine")
    return redirect("standards:catalogue")
