"""The default message texts; the data migration copies them into MessageTemplate.

SMS texts are plain ASCII (GSM-7) and bound every variable part with
``slice`` so that, whatever the values, a message fits in two segments
(306 characters); tests/test_sms_length.py checks it with the longest values.
"""

SMS_LIMIT = 306

# (code, channel, language, subject, body)
DEFAULTS = [
    (
        "permit_ready",
        "sms",
        "id",
        "",
        "{{ office_short|slice:':20' }}: Izin {{ service_code }} no "
        "{{ number|slice:':40' }} sdh terbit. Ambil di {{ office_address|slice:':60' }} "
        "dgn KTP asli, atau unduh dr akun Anda: {{ track_url|slice:':80' }}",
    ),
    (
        "permit_ready",
        "sms",
        "en",
        "",
        "{{ office_short|slice:':20' }}: {{ service_code }} permit no "
        "{{ number|slice:':40' }} is ready. Collect at {{ office_address|slice:':60' }} "
        "with your ID card, or download from your account: {{ track_url|slice:':80' }}",
    ),
    (
        "permit_ready",
        "email",
        "id",
        "Izin {{ service_code }} nomor {{ number }} sudah terbit",
        "Yth. {{ name }},\n\n"
        "Izin {{ service_name }} Anda dengan nomor {{ number }} (registrasi {{ reg_number }}) "
        "sudah terbit dan ditandatangani secara elektronik.\n\n"
        "Anda dapat mengambilnya di {{ office_name }}, {{ office_address }}, pada hari kerja "
        "dengan membawa KTP asli, atau mengunduhnya dari akun Anda di {{ account_url }}.\n"
        "Keaslian izin dapat diperiksa di {{ verify_url }}.\n\n"
        "Izin yang tidak diambil dalam satu bulan akan diberitahukan dengan surat ke alamat "
        "rumah Anda.\n\n{{ office_name }}",
    ),
    (
        "permit_ready",
        "email",
        "en",
        "Your {{ service_code }} permit number {{ number }} has been issued",
        "Dear {{ name }},\n\n"
        "Your {{ service_name }} permit number {{ number }} (registration {{ reg_number }}) "
        "has been issued and electronically signed.\n\n"
        "Collect it at {{ office_name }}, {{ office_address }}, on a working day with your "
        "ID card, or download it from your account at {{ account_url }}.\n"
        "Anyone can check it at {{ verify_url }}.\n\n{{ office_name }}",
    ),
    (
        "file_returned",
        "sms",
        "id",
        "",
        "{{ office_short|slice:':20' }}: berkas {{ reg_number|slice:':24' }} "
        "dikembalikan, mohon dilengkapi: {{ to_fix|slice:':110' }}. "
        "Lihat & kirim ulang: {{ track_url|slice:':80' }}",
    ),
    (
        "file_returned",
        "sms",
        "en",
        "",
        "{{ office_short|slice:':20' }}: file {{ reg_number|slice:':24' }} "
        "was returned, please complete: {{ to_fix|slice:':110' }}. "
        "See & resubmit: {{ track_url|slice:':80' }}",
    ),
    (
        "file_returned",
        "email",
        "id",
        "Berkas {{ reg_number }} perlu dilengkapi",
        "Yth. {{ name }},\n\nBerkas permohonan {{ service_name }} Anda ({{ reg_number }}) "
        "dikembalikan oleh petugas untuk dilengkapi:\n\n{{ to_fix_lines }}\n\n"
        "Perbaiki lalu kirim ulang melalui {{ account_url }} atau di loket "
        "{{ office_name }}. Status berkas: {{ track_url }}\n\n{{ office_name }}",
    ),
    (
        "file_returned",
        "email",
        "en",
        "File {{ reg_number }} needs completing",
        "Dear {{ name }},\n\nYour {{ service_name }} application ({{ reg_number }}) was "
        "returned by the officer to be completed:\n\n{{ to_fix_lines }}\n\n"
        "Fix it and resubmit at {{ account_url }} or at the counter of {{ office_name }}. "
        "File status: {{ track_url }}\n\n{{ office_name }}",
    ),
    (
        "complaint_answer",
        "sms",
        "id",
        "",
        "{{ office_short|slice:':20' }}: jawaban pengaduan {{ ref|slice:':24' }}: "
        "{{ answer|slice:':200' }}",
    ),
    (
        "complaint_answer",
        "sms",
        "en",
        "",
        "{{ office_short|slice:':20' }}: answer to complaint {{ ref|slice:':24' }}: "
        "{{ answer|slice:':200' }}",
    ),
    (
        "complaint_answer",
        "email",
        "id",
        "Jawaban pengaduan {{ ref }}",
        "Yth. {{ name }},\n\nAtas pengaduan Anda ({{ ref }}) kami sampaikan:\n\n{{ answer }}"
        "\n\n{{ office_name }}",
    ),
    (
        "complaint_answer",
        "email",
        "en",
        "Answer to complaint {{ ref }}",
        "Dear {{ name }},\n\nRegarding your complaint ({{ ref }}):\n\n{{ answer }}"
        "\n\n{{ office_name }}",
    ),
    (
        "complaint_received",
        "sms",
        "id",
        "",
        "{{ office_short|slice:':20' }}: pengaduan Anda diterima, tiket {{ ticket|slice:':24' }}, "
        "kode lacak {{ tracking_code|slice:':12' }}. Pantau di {{ track_url|slice:':120' }}",
    ),
    (
        "complaint_received",
        "sms",
        "en",
        "",
        "{{ office_short|slice:':20' }}: your complaint was received, ticket "
        "{{ ticket|slice:':24' }}, tracking code {{ tracking_code|slice:':12' }}. "
        "Follow it at {{ track_url|slice:':120' }}",
    ),
    (
        "complaint_received",
        "email",
        "id",
        "Pengaduan {{ ticket }} telah diterima",
        "Yth. {{ name }},\n\nPengaduan Anda telah kami terima dan dicatat dengan nomor tiket "
        "{{ ticket }} (kode lacak {{ tracking_code }}).\n\n"
        "Perkembangan penanganan dan jawabannya dapat Anda ikuti di {{ track_url }}\n\n"
        "{{ office_name }}",
    ),
    (
        "complaint_received",
        "email",
        "en",
        "Complaint {{ ticket }} received",
        "Dear {{ name }},\n\nWe have received your complaint and recorded it as ticket "
        "{{ ticket }} (tracking code {{ tracking_code }}).\n\n"
        "You can follow its handling and our answer at {{ track_url }}\n\n{{ office_name }}",
    ),
    (
        "survey_invite",
        "sms",
        "id",
        "",
        "{{ office_short|slice:':20' }}: bantu kami menilai layanan "
        "{{ service_code }}. Isi survei kepuasan (2 menit): {{ url|slice:':100' }}",
    ),
    (
        "survey_invite",
        "sms",
        "en",
        "",
        "{{ office_short|slice:':20' }}: help us rate the {{ service_code }} service. "
        "Satisfaction survey (2 minutes): {{ url|slice:':100' }}",
    ),
]
