"""Reads of the accounts app shared by its pages and its API."""

from loket.accounts.models import Applicant
from loket.core.roles import FRONT_OFFICE, acts_as, office_of


def applicant_of_file(user, file_id):
    """(applicant, file) for the Front Office of the file's office correcting its
    applicant's identity; None for anyone else, so a guessed id finds nothing.

    The file belongs to the permits app, a layer above: accounts reaches it only
    through the applicant's own reverse relation (``Applicant.applications``), never
    through permits' code.
    """
    office = office_of(user)
    if office is None or not acts_as(user, FRONT_OFFICE, office):
        return None
    applicant = (
        Applicant.objects.select_related("office")
        .filter(applications__pk=file_id, applications__office=office)
        .first()
    )
    if applicant is None:
        return None
    return applicant, applicant.applications.select_related("office").get(pk=file_id)
