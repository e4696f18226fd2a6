"""Everything Loket holds about one applicant, as plain JSON-ready data.

The data subject's right of access (UU 27/2022 Pasal 32): the applicant downloads it
as JSON or PDF (`/akun/data-saya.json`, `.pdf`; the action is
`loket.accounts.actions.export_personal_data`). The identity is the accounts app's;
every other section comes from the app that holds it, through the subject-data
providers registered in loket.core.personal_data (files, survey answers, complaints,
messages). Reads only; a fixed handful of queries per provider.
"""

from django.utils import timezone

from loket.core.personal_data import Subject, subject_data_providers
from loket.core.personal_data import export_time as when


def identity(applicant):
    return {
        "office": applicant.office.name,
        "full_name": applicant.full_name,
        "nik": applicant.nik,
        "birth_place": applicant.birth_place,
        "birth_date": when(applicant.birth_date),
        "sex": applicant.get_sex_display() if applicant.sex else "",
        "address": applicant.address,
        "phone": applicant.phone,
        "email": applicant.email,
        "has_account": applicant.user_id is not None,
        "registered_at": when(applicant.created_at),
        "consented_at": when(applicant.consented_at),
        "consent_notice": applicant.consent_notice,
        "anonymised_at": when(applicant.anonymised_at),
    }


def personal_data(applicant):
    """The whole export, generated now: the identity, then each app's sections."""
    export = {
        "generated_at": when(timezone.now()),
        "controller": {
            "office": applicant.office.name,
            "address": applicant.office.address,
            "email": applicant.office.email,
            "phone": applicant.office.phone,
        },
        "legal_basis": "UU 25/2009 tentang Pelayanan Publik; UU 27/2022 Pasal 20 ayat (2)",
        "retention_years": applicant.office.retention_years,
        "identity": identity(applicant),
    }
    providers = subject_data_providers()
    for provider in providers:
        for section in provider.sections:
            export[section] = []
    subject = Subject(applicant, export)
    for provider in providers:
        provider.provide(subject)
    return export
