from django.db import migrations

# The default texts as 0002 and 0004 wrote them: a row that still reads exactly so was
# never edited by its office and gets the new default (no SMS cut mid-word, the link to
# the page where the applicant acts). An office's own text is left as it is.
PREVIOUS = {
    ('permit_ready', 'sms', 'id'): ('', "{{ office_short|slice:':20' }}: Izin {{ service_code }} no {{ number|slice:':40' }} sdh terbit. Ambil di {{ office_address|slice:':60' }} dgn KTP asli, atau unduh dr akun Anda: {{ track_url|slice:':80' }}"),
    ('permit_ready', 'sms', 'en'): ('', "{{ office_short|slice:':20' }}: {{ service_code }} permit no {{ number|slice:':40' }} is ready. Collect at {{ office_address|slice:':60' }} with your ID card, or download from your account: {{ track_url|slice:':80' }}"),
    ('permit_ready', 'email', 'id'): ('Izin {{ service_code }} nomor {{ number }} sudah terbit', 'Yth. {{ name }},\n\nIzin {{ service_name }} Anda dengan nomor {{ number }} (registrasi {{ reg_number }}) sudah terbit dan ditandatangani secara elektronik.\n\nAnda dapat mengambilnya di {{ office_name }}, {{ office_address }}, pada hari kerja dengan membawa KTP asli, atau mengunduhnya dari akun Anda di {{ account_url }}.\nKeaslian izin dapat diperiksa di {{ verify_url }}.\n\nIzin yang tidak diambil dalam satu bulan akan diberitahukan dengan surat ke alamat rumah Anda.\n\n{{ office_name }}'),
    ('permit_ready', 'email', 'en'): ('Your {{ service_code }} permit number {{ number }} has been issued', 'Dear {{ name }},\n\nYour {{ service_name }} permit number {{ number }} (registration {{ reg_number }}) has been issued and electronically signed.\n\nCollect it at {{ office_name }}, {{ office_address }}, on a working day with your ID card, or download it from your account at {{ account_url }}.\nAnyone can check it at {{ verify_url }}.\n\n{{ office_name }}'),
    ('file_returned', 'sms', 'id'): ('', "{{ office_short|slice:':20' }}: berkas {{ reg_number|slice:':24' }} dikembalikan, mohon dilengkapi: {{ to_fix|slice:':110' }}. Lihat & kirim ulang: {{ track_url|slice:':80' }}"),
    ('file_returned', 'sms', 'en'): ('', "{{ office_short|slice:':20' }}: file {{ reg_number|slice:':24' }} was returned, please complete: {{ to_fix|slice:':110' }}. See & resubmit: {{ track_url|slice:':80' }}"),
    ('file_returned', 'email', 'id'): ('Berkas {{ reg_number }} perlu dilengkapi', 'Yth. {{ name }},\n\nBerkas permohonan {{ service_name }} Anda ({{ reg_number }}) dikembalikan oleh petugas untuk dilengkapi:\n\n{{ to_fix_lines }}\n\nPerbaiki lalu kirim ulang melalui {{ account_url }} atau di loket {{ office_name }}. Status berkas: {{ track_url }}\n\n{{ office_name }}'),
    ('file_returned', 'email', 'en'): ('File {{ reg_number }} needs completing', 'Dear {{ name }},\n\nYour {{ service_name }} application ({{ reg_number }}) was returned by the officer to be completed:\n\n{{ to_fix_lines }}\n\nFix it and resubmit at {{ account_url }} or at the counter of {{ office_name }}. File status: {{ track_url }}\n\n{{ office_name }}'),
    ('complaint_answer', 'sms', 'id'): ('', "{{ office_short|slice:':20' }}: jawaban pengaduan {{ ref|slice:':24' }}: {{ answer|slice:':200' }}"),
    ('complaint_answer', 'sms', 'en'): ('', "{{ office_short|slice:':20' }}: answer to complaint {{ ref|slice:':24' }}: {{ answer|slice:':200' }}"),
    ('complaint_answer', 'email', 'id'): ('Jawaban pengaduan {{ ref }}', 'Yth. {{ name }},\n\nAtas pengaduan Anda ({{ ref }}) kami sampaikan:\n\n{{ answer }}\n\n{{ office_name }}'),
    ('complaint_answer', 'email', 'en'): ('Answer to complaint {{ ref }}', 'Dear {{ name }},\n\nRegarding your complaint ({{ ref }}):\n\n{{ answer }}\n\n{{ office_name }}'),
    ('complaint_received', 'sms', 'id'): ('', "{{ office_short|slice:':20' }}: pengaduan Anda diterima, tiket {{ ticket|slice:':24' }}, kode lacak {{ tracking_code|slice:':12' }}. Pantau di {{ track_url|slice:':120' }}"),
    ('complaint_received', 'sms', 'en'): ('', "{{ office_short|slice:':20' }}: your complaint was received, ticket {{ ticket|slice:':24' }}, tracking code {{ tracking_code|slice:':12' }}. Follow it at {{ track_url|slice:':120' }}"),
    ('survey_invite', 'sms', 'id'): ('', "{{ office_short|slice:':20' }}: bantu kami menilai layanan {{ service_code }}. Isi survei kepuasan (2 menit): {{ url|slice:':100' }}"),
    ('survey_invite', 'sms', 'en'): ('', "{{ office_short|slice:':20' }}: help us rate the {{ service_code }} service. Satisfaction survey (2 minutes): {{ url|slice:':100' }}"),
}


def update(apps, schema_editor):
    from loket.notify.texts import DEFAULTS

    MessageTemplate = apps.get_model("notify", "MessageTemplate")
    for code, channel, language, subject, body in DEFAULTS:
        previous = PREVIOUS.get((code, channel, language))
        if previous is not None:
            MessageTemplate.objects.filter(
                code=code, channel=channel, language=language, subject=previous[0], body=previous[1]
            ).update(subject=subject, body=body)


class Migration(migrations.Migration):
    dependencies = [("notify", "0009_channel_choices_from_the_registry")]
    operations = [migrations.RunPython(update, migrations.RunPython.noop)]
