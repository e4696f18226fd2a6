"""Demo complaints for `manage.py demo`: one of each weight, at different stages."""

from django.contrib.auth import get_user_model

from loket.complaints import actions
from loket.complaints.models import INTERNET, SURAT, TELEPON, Complaint
from loket.core.roles import KEPALA_BIDANG, PENGELOLA_PENGADUAN


def _officer(office, role):
    return (
        get_user_model()
        .objects.filter(officer__office=office, groups__name=role)
        .order_by("pk")
        .first()
    )


def load_demo_complaints(office):
    """Create three complaints (light, medium, heavy); skip if the office has any."""
    if Complaint.objects.filter(office=office).exists():
        return []
    handler = _officer(office, PENGELOLA_PENGADUAN)
    light = actions.file_complaint(
        office,
        actions.Intake(
            description="Informasi persyaratan di laman layanan berbeda dengan di loket.",
            type="persyaratan",
            name="Rahmat Hidayat",
            phone="081277700011",
        ),
        channel=TELEPON,
        by=handler,
    )
    medium = actions.file_complaint(
        office,
        actions.Intake(
            description="Permohonan SIKTS saya sudah lewat dua hari kerja dan belum selesai.",
            type="waktu",
            name="Dewi Lestari",
            email="dewi@example.org",
            confidential=True,
        ),
        channel=INTERNET,
    )
    heavy = actions.file_complaint(
        office,
        actions.Intake(
            description="Ada petugas yang meminta biaya tambahan untuk mempercepat izin.",
            type="biaya",
            name="Anonim",
            address="Jl. Tuanku Tambusai, Pekanbaru",
        ),
        channel=SURAT,
        by=handler,
    )
    if handler is None:
        return [light, medium, heavy]
    actions.weigh(light, handler, "ringan", "Cukup dijelaskan oleh petugas.")
    actions.weigh(medium, handler, "sedang", "Keterlambatan berkas perlu keputusan pimpinan.")
    actions.weigh(heavy, handler, "berat", "Dugaan pungutan liar.")
    kabid = _officer(office, KEPALA_BIDANG)
    if kabid is not None:
        actions.coordinate(medium, kabid, "Berkas tertahan pada paraf; sudah ditindaklanjuti.")
    return [light, medium, heavy]
