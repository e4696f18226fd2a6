"""What the intake forms tell people about their personal data (UU 27/2022).

Pasal 16 and 20: the purpose, the legal basis and how long data is kept are stated
before it is collected. The retention period is the office's setting
(`Office.retention_years`), the same number the retention job applies
(loket.accounts.retention). An applicant's acknowledgement is stored with the exact
text they saw (`Applicant.consent_notice`).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DEFAULT_RETENTION_YEARS = 5

APPLICANT_ACK = gettext_lazy("Saya menyetujui pemrosesan data pribadi saya")
COUNTER_ACK = gettext_lazy(
    "Pemohon telah menerima pemberitahuan ini (dibaca sendiri atau dibacakan petugas) "
    "dan menyetujui pemrosesan data pribadinya"
)
COMPLAINT_ACK = gettext_lazy(
    "Saya telah membaca pemberitahuan pelindungan data pribadi (tidak wajib)"
)
COMPLAINT_ACK_RECORDED = gettext_lazy(
    "Pengadu telah diberi tahu pemberitahuan pelindungan data pribadi (tidak wajib)"
)


def retention_years(office):
    return getattr(office, "retention_years", None) or DEFAULT_RETENTION_YEARS


def applicant_notice(office):
    """The notice of the registration form and the counter intake."""
    return _(
        "Data pribadi Anda (NIK, alamat, nomor HP, dokumen persyaratan) diproses oleh "
        "%(office)s untuk memberikan layanan perizinan ini, berdasarkan UU 25/2009 tentang "
        "Pelayanan Publik dan UU 27/2022 tentang Pelindungan Data Pribadi (Pasal 20). NIK "
        "dan nomor HP disimpan terenkripsi dan hanya dilihat petugas yang memproses berkas "
        "Anda. Data disimpan selama izin berlaku dan %(years)d tahun setelah berkas selesai, "
        "lalu dihapus atau dianonimkan. Anda dapat mengunduh seluruh data Anda dan meminta "
        "perbaikan data yang keliru."
    ) % {"office": getattr(office, "name", "") or _("instansi"), "years": retention_years(office)}


def complaint_notice(office):
    """The notice of the complaint forms: identity is optional, the purpose is stated."""
    return _(
        "Identitas dan kontak tidak wajib diisi. Jika diisi, data tersebut hanya dipakai "
        "oleh %(office)s untuk menangani pengaduan ini dan menyampaikan jawabannya (UU "
        "25/2009, UU 27/2022 Pasal 20), disimpan %(years)d tahun setelah pengaduan selesai, "
        "lalu dihapus. Identitas yang dirahasiakan hanya dilihat petugas pengelola pengaduan."
    ) % {"office": getattr(office, "name", "") or _("instansi"), "years": retention_years(office)}
