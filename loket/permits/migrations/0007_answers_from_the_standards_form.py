"""The application form becomes data of the standard (issue: every service is data).

Until now `Application` carried the SIKTS form as columns. This migration
1. gives every stored standard version that has no `form:` the form, kinds, sector and
   validity those columns stood for (a file keeps the version it was filed under, so
   the version must describe what the file holds);
2. copies each file's columns into `answers` (the STR number, personal data, into
   `personal_answers`, encrypted), in SQL where it can and in batches where it must;
3. keeps on each issued permit the last day it is valid (`Permit.valid_until`, which
   every status now reads: before, it was the STR's date, read through the file);
4. removes the columns (0008, in a transaction of its own: PostgreSQL does not alter a
   table with updates pending in the same transaction).
Nothing is lost: every value of the five columns is in the answers afterwards
(loket/permits/tests/test_it_migrates_the_form_columns_into_answers.py).
"""

import json

from django.db import migrations, models

import loket.lib.crypto_fields

# The form the columns were: the same as standards/sikts.yaml declares now.
LEGACY_FORM = [
    {
        "key": "workplace_name",
        "type": "text",
        "max_length": 200,
        "label": {
            "id": "Nama fasilitas pelayanan kesehatan tempat bekerja",
            "en": "Health facility where you will work",
        },
        "show": ["document", "verification", "list"],
    },
    {
        "key": "workplace_address",
        "type": "address",
        "label": {"id": "Alamat tempat kerja", "en": "Address of the workplace"},
        "show": ["document", "verification"],
    },
    {
        "key": "str_number",
        "type": "text",
        "max_length": 60,
        "label": {"id": "Nomor STR", "en": "STR number (registration certificate)"},
        "personal": True,
        "show": ["document", "verification"],
    },
    {
        "key": "str_valid_until",
        "type": "date",
        "required": False,
        "min": "today",
        "label": {"id": "STR berlaku sampai", "en": "STR valid until"},
        "help": {
            "id": "Kosongkan bila STR berlaku seumur hidup.",
            "en": "Leave empty if the STR is valid for life.",
        },
        "show": ["document"],
    },
    {
        "key": "previous_permit_number",
        "type": "permit_ref",
        "applies_to": ["perpanjangan"],
        "label": {"id": "Nomor SIKTS lama", "en": "Number of the previous SIKTS"},
    },
]
LEGACY_KINDS = [
    {"code": "baru", "name": {"id": "Baru", "en": "New"}},
    {"code": "perpanjangan", "name": {"id": "Perpanjangan", "en": "Renewal"}},
]
BATCH = 5000


def describe_old_versions(apps, schema_editor):
    StandardVersion = apps.get_model("standards", "StandardVersion")
    for version in StandardVersion.objects.all().iterator():
        data = version.data
        if "form" in data:
            continue
        data["form"] = LEGACY_FORM
        data["kinds"] = LEGACY_KINDS
        data.setdefault("sector", {"id": "Kesehatan", "en": "Health"})
        validity = data.get("product", {}).get("validity", {})
        if validity.get("rule") == "str":
            data["product"]["validity"] = {"rule": "until_field", "field": "str_valid_until"}
        StandardVersion.objects.filter(pk=version.pk).update(data=data)


PLAIN_SQL = {
    "sqlite": [
        "UPDATE permits_application SET answers = json_object("
        "'workplace_name', workplace_name, 'workplace_address', workplace_address)",
        "UPDATE permits_application SET answers = json_set(answers, '$.str_valid_until', "
        "str_valid_until) WHERE str_valid_until IS NOT NULL",
        "UPDATE permits_application SET answers = json_set(answers, "
        "'$.previous_permit_number', previous_permit_number) "
        "WHERE previous_permit_number <> ''",
    ],
    "postgresql": [
        "UPDATE permits_application SET answers = jsonb_build_object("
        "'workplace_name', workplace_name, 'workplace_address', workplace_address) "
        "|| CASE WHEN str_valid_until IS NULL THEN '{}'::jsonb ELSE jsonb_build_object("
        "'str_valid_until', to_char(str_valid_until, 'YYYY-MM-DD')) END "
        "|| CASE WHEN previous_permit_number = '' THEN '{}'::jsonb ELSE jsonb_build_object("
        "'previous_permit_number', previous_permit_number) END",
    ],
}


def columns_to_answers(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for statement in PLAIN_SQL[connection.vendor]:
            cursor.execute(statement)
        # The STR number is personal data: encrypted, so in Python, a batch at a time.
        last = 0
        while True:
            cursor.execute(
                "SELECT id, str_number FROM permits_application WHERE id > %s "
                "AND str_number <> '' ORDER BY id LIMIT %s",
                [last, BATCH],
            )
            rows = cursor.fetchall()
            if not rows:
                break
            cursor.executemany(
                "UPDATE permits_application SET personal_answers = %s WHERE id = %s",
                [
                    (
                        loket.lib.crypto_fields.encrypt(
                            json.dumps({"str_number": number}, ensure_ascii=False)
                        ),
                        pk,
                    )
                    for pk, number in rows
                ],
            )
            last = rows[-1][0]


class Migration(migrations.Migration):
    dependencies = [
        ("permits", "0006_office_and_sequence_moved_to_core"),
        ("standards", "0002_office_moved_to_core"),
    ]

    operations = [
        migrations.AlterField(
            model_name="application",
            name="kind",
            field=models.CharField(max_length=30, verbose_name="jenis permohonan"),
        ),
        migrations.AddField(
            model_name="application",
            name="answers",
            field=models.JSONField(blank=True, default=dict, verbose_name="isian formulir"),
        ),
        migrations.AddField(
            model_name="application",
            name="personal_answers",
            field=loket.lib.crypto_fields.EncryptedCharField(
                blank=True, default="", max_length=100000, verbose_name="isian data pribadi"
            ),
        ),
        migrations.AddField(
            model_name="permit",
            name="valid_until",
            field=models.DateField(blank=True, null=True, verbose_name="berlaku sampai"),
        ),
        # Issued SIKTS were valid as long as the STR: the date is kept on the permit.
        migrations.RunSQL(
            "UPDATE permits_permit SET valid_until = (SELECT a.str_valid_until FROM "
            "permits_application a WHERE a.id = permits_permit.application_id)",
            migrations.RunSQL.noop,
        ),
        migrations.RunPython(describe_old_versions, migrations.RunPython.noop),
        migrations.RunPython(columns_to_answers, migrations.RunPython.noop),
    ]
