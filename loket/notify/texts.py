"""The default message texts; the data migrations copy them into MessageTemplate.

No SMS text cuts a value: rendering (loket.notify.actions.render_message) fits the
message in two segments by shortening the free-text values below at a word boundary
with "…", and every SMS carries the link to the page that has the full text and where
the applicant acts (the resubmission page for a returned file, the file page for a
permit, the tracking page for a complaint). tests/test_it_fits_every_message.py renders
every template with long values and checks it.

Contexts (filled by the app that queues the message):
- permits (permit_ready, file_returned): name, reg_number, service_code, service_name,
  office_name, office_short, office_address, track_url (public tracking page),
  account_url (the file page, sign-in needed), resubmit_url (the resubmission page),
  has_account (the applicant can sign in; walk-ins without an account resubmit at the
  counter); permit_ready adds number, verify_url; file_returned adds to_fix (every
  item, the officer's note included, on one line) and to_fix_lines (one per line).
- complaints (complaint_received, complaint_answer): name, ref, ticket, tracking_code,
  subject, answer, office_name, office_short, track_url.
- surveys (survey_invite): the permits context and url (the survey).
"""

# The values rendering may shorten (free text); numbers, codes and links never are.
SHORTENABLE = (
    "to_fix",
    "answer",
    "office_address",
    "service_name",
    "office_name",
    "name",
    "subject",
)

# (code, channel, language, subject, body)
DEFAULTS = [
    (
        "permit_ready",
        "sms",
        "id",
        "",
        "{{ office_short }}: Izin {{ service_code }} no {{ number }} sudah terbit. "
        "Ambil di {{ office_address }} dengan KTP asli"
        "{% if has_account %}, atau unduh dari akun Anda: {{ account_url }}"
        "{% else %}. Status: {{ track_url }}{% endif %}",
    ),
    (
        "permit_ready",
        "sms",
        "en",
        "",
        "{{ office_short }}: {{ service_code }} permit no {{ number }} is ready. "
        "Collect it at {{ office_address }} with your ID card"
        "{% if has_account %}, or download it from your account: {{ account_url }}"
        "{% else %}. Status: {{ track_url }}{% endif %}",
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
        "dengan membawa KTP asli{% if has_account %}, atau mengunduhnya dari akun Anda di "
        "{{ account_url }}{% endif %}.\n"
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
        "ID card{% if has_account %}, or download it from your account at "
        "{{ account_url }}{% endif %}.\n"
        "Anyone can check it at {{ verify_url }}.\n\n{{ office_name }}",
    ),
    (
        "file_returned",
        "sms",
        "id",
        "",
        "{{ office_short }}: berkas {{ reg_number }} dikembalikan, mohon dilengkapi: "
        "{{ to_fix }}. {% if has_account %}Perbaiki & kirim ulang: {{ resubmit_url }}"
        "{% else %}Rincian: {{ track_url }} Kirim ulang di loket.{% endif %}",
    ),
    (
        "file_returned",
        "sms",
        "en",
        "",
        "{{ office_short }}: file {{ reg_number }} was returned, please complete: "
        "{{ to_fix }}. {% if has_account %}Fix & resubmit: {{ resubmit_url }}"
        "{% else %}Details: {{ track_url }} Resubmit at the counter.{% endif %}",
    ),
    (
        "file_returned",
        "email",
        "id",
        "Berkas {{ reg_number }} perlu dilengkapi",
        "Yth. {{ name }},\n\nBerkas permohonan {{ service_name }} Anda ({{ reg_number }}) "
        "dikembalikan oleh petugas untuk dilengkapi:\n\n{{ to_fix_lines }}\n\n"
        "{% if has_account %}Perbaiki lalu kirim ulang melalui {{ resubmit_url }} atau di "
        "loket {{ office_name }}.{% else %}Perbaiki lalu kirim ulang di loket "
        "{{ office_name }}.{% endif %} Status berkas: {{ track_url }}\n\n{{ office_name }}",
    ),
    (
        "file_returned",
        "email",
        "en",
        "File {{ reg_number }} needs completing",
        "Dear {{ name }},\n\nYour {{ service_name }} application ({{ reg_number }}) was "
        "returned by the officer to be completed:\n\n{{ to_fix_lines }}\n\n"
        "{% if has_account %}Fix it and resubmit at {{ resubmit_url }} or at the counter of "
        "{{ office_name }}.{% else %}Fix it and resubmit at the counter of "
        "{{ office_name }}.{% endif %} File status: {{ track_url }}\n\n{{ office_name }}",
    ),
    (
        "complaint_answer",
        "sms",
        "id",
        "",
        "{{ office_short }}: jawaban pengaduan {{ ref }}: {{ answer }}\n"
        "Selengkapnya: {{ track_url }}",
    ),
    (
        "complaint_answer",
        "sms",
        "en",
        "",
        "{{ office_short }}: answer to complaint {{ ref }}: {{ answer }}\n"
        "Full answer: {{ track_url }}",
    ),
    (
        "complaint_answer",
        "email",
        "id",
        "Jawaban pengaduan {{ ref }}",
        "Yth. {{ name }},\n\nAtas pengaduan Anda ({{ ref }}) kami sampaikan:\n\n{{ answer }}"
        "\n\nPengaduan Anda: {{ track_url }}\n\n{{ office_name }}",
    ),
    (
        "complaint_answer",
        "email",
        "en",
        "Answer to complaint {{ ref }}",
        "Dear {{ name }},\n\nRegarding your complaint ({{ ref }}):\n\n{{ answer }}"
        "\n\nYour complaint: {{ track_url }}\n\n{{ office_name }}",
    ),
    (
        "complaint_received",
        "sms",
        "id",
        "",
        "{{ office_short }}: pengaduan Anda diterima, tiket {{ ticket }}, "
        "kode lacak {{ tracking_code }}. Pantau di {{ track_url }}",
    ),
    (
        "complaint_received",
        "sms",
        "en",
        "",
        "{{ office_short }}: your complaint was received, ticket "
        "{{ ticket }}, tracking code {{ tracking_code }}. "
        "Follow it at {{ track_url }}",
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
        "{{ office_short }}: bantu kami menilai layanan "
        "{{ service_code }}. Isi survei kepuasan (2 menit): {{ url }}",
    ),
    (
        "survey_invite",
        "sms",
        "en",
        "",
        "{{ office_short }}: help us rate the {{ service_code }} service. "
        "Satisfaction survey (2 minutes): {{ url }}",
    ),
]
