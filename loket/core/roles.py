"""The roles of the service standard, and who holds them.

Roles are Django groups named by their code; an officer acts only for the office of
their Officer profile. This module is the single place that answers "may this user
act as this role in this office?".
"""

from django.utils.translation import gettext_lazy as _

PEMOHON = "pemohon"
FRONT_OFFICE = "front_office"
BACK_OFFICE = "back_office"
JF_AHLI_MUDA = "jf_ahli_muda"
JF_AHLI_MADYA = "jf_ahli_madya"
SEKRETARIS = "sekretaris"
KEPALA_DINAS = "kepala_dinas"
KEPALA_BIDANG = "kepala_bidang"
PENGELOLA_PENGADUAN = "pengelola_pengaduan"

ROLE_LABELS = {
    PEMOHON: _("Pemohon"),
    FRONT_OFFICE: _("Petugas Front Office"),
    BACK_OFFICE: _("Petugas Back Office"),
    JF_AHLI_MUDA: _("JF Analis Kebijakan Ahli Muda"),
    JF_AHLI_MADYA: _("JF Analis Kebijakan Ahli Madya"),
    SEKRETARIS: _("Sekretaris"),
    KEPALA_DINAS: _("Kepala Dinas"),
    KEPALA_BIDANG: _("Kepala Bidang"),
    PENGELOLA_PENGADUAN: _("Pengelola Pengaduan"),
}
OFFICER_ROLES = tuple(code for code in ROLE_LABELS if code != PEMOHON)


def roles_of(user):
    """The set of role codes the user holds (cached on the user object)."""
    if not user or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_loket_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._loket_roles = cached
    return cached


def office_of(user):
    """The office an officer works for, or None for applicants and anonymous users."""
    if not user or not user.is_authenticated:
        return None
    officer = getattr(user, "officer", None)
    return officer.office if officer else None


def is_officer(user):
    return office_of(user) is not None and bool(roles_of(user) & set(OFFICER_ROLES))


def acts_as(user, role, office):
    """May `user` act as `role` for `office`? The one check every view and API uses."""
    if role == PEMOHON:
        return False
    own = office_of(user)
    return own is not None and own.pk == office.pk and role in roles_of(user)


def role_label(code):
    return ROLE_LABELS.get(code, code)
