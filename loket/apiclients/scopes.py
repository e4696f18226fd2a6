"""What an API client may be allowed to do: scopes, and the roles each one lends.

A client acts for its office. Each API operation names the one scope it needs (in the
OpenAPI document, as an OAuth 2.0 scope); the roles below let the operation's usual
permission checks (`acts_as`, the visibility querysets) answer for the client as for
an officer holding them. The roles live only on the request: the client's account is
never an officer of the office, and dropping a scope takes effect on the next call.
"""

from django.utils.translation import gettext_lazy as _

from loket.core.roles import FRONT_OFFICE, KEPALA_BIDANG, PENGELOLA_PENGADUAN, SEKRETARIS

PERMITS_READ = "permits:read"
PERMITS_WRITE = "permits:write"
COMPLAINTS_READ = "complaints:read"
COMPLAINTS_WRITE = "complaints:write"
SURVEYS_READ = "surveys:read"
REPORTS_READ = "reports:read"
AUDIT_READ = "audit:read"
OPEN311_WRITE = "open311:write"

SCOPES = {
    PERMITS_READ: _("Membaca berkas kantor: status, dokumen, kartu kendali, izin terbit"),
    PERMITS_WRITE: _("Mengajukan permohonan atas nama pemohon, seperti di loket"),
    COMPLAINTS_READ: _("Membaca pengaduan kantor dan Buku Pengaduan"),
    COMPLAINTS_WRITE: _("Mencatat, menimbang, menjawab dan menyampaikan pengaduan"),
    SURVEYS_READ: _("Membaca Indeks Kepuasan Masyarakat"),
    REPORTS_READ: _("Membaca laporan pengawasan dan dasbor"),
    AUDIT_READ: _("Membaca jejak audit dan hasil verifikasi rantainya"),
    OPEN311_WRITE: _("Mengirim laporan Open311 dengan batas kirim klien sendiri"),
}

ROLES = {
    PERMITS_READ: {FRONT_OFFICE},
    PERMITS_WRITE: {FRONT_OFFICE},
    COMPLAINTS_READ: {PENGELOLA_PENGADUAN},
    COMPLAINTS_WRITE: {PENGELOLA_PENGADUAN},
    SURVEYS_READ: {KEPALA_BIDANG},
    REPORTS_READ: {KEPALA_BIDANG},
    AUDIT_READ: {SEKRETARIS},
    OPEN311_WRITE: set(),
}


def roles_for(scopes):
    return frozenset(role for scope in scopes for role in ROLES.get(scope, ()))
