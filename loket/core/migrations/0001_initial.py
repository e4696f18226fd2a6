# The kernel's models (Office, CalendarDay, Sequence) moved into loket.core with their
# tables unchanged: this changes only Django's picture of the models, never the database.

import datetime
import django.core.validators
import django.db.models.deletion
import loket.core.models
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    # The tables it takes over.
    dependencies = [
        ("accounts", "0006_one_nik_hash_per_office"),
        ("permits", "0005_document_purged_at"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Office",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("code", models.SlugField(unique=True, verbose_name="kode")),
                        ("name", models.CharField(max_length=200, verbose_name="nama")),
                        ("city", models.CharField(max_length=100, verbose_name="kota/kabupaten")),
                        (
                            "address",
                            models.CharField(blank=True, max_length=300, verbose_name="alamat"),
                        ),
                        (
                            "phone",
                            models.CharField(blank=True, max_length=40, verbose_name="telepon"),
                        ),
                        (
                            "email",
                            models.EmailField(blank=True, max_length=254, verbose_name="email"),
                        ),
                        (
                            "day_start",
                            models.TimeField(
                                default=datetime.time(8, 0), verbose_name="jam kerja mulai"
                            ),
                        ),
                        (
                            "day_end",
                            models.TimeField(
                                default=datetime.time(16, 0), verbose_name="jam kerja selesai"
                            ),
                        ),
                        (
                            "head_name",
                            models.CharField(
                                blank=True, max_length=200, verbose_name="nama Kepala Dinas"
                            ),
                        ),
                        (
                            "head_rank",
                            models.CharField(
                                blank=True,
                                max_length=100,
                                verbose_name="pangkat/golongan Kepala Dinas",
                            ),
                        ),
                        (
                            "head_nip",
                            models.CharField(
                                blank=True, max_length=30, verbose_name="NIP Kepala Dinas"
                            ),
                        ),
                        (
                            "letter_number_format",
                            models.CharField(
                                default="503/{seq:03d}/DPMPTSP/{year}",
                                help_text="Nomor surat pemberitahuan: {seq} (atau {seq:03d}) urut per tahun, {year}.",
                                max_length=80,
                                validators=[loket.core.models.validate_number_format],
                                verbose_name="format nomor surat",
                            ),
                        ),
                        (
                            "retention_years",
                            models.PositiveSmallIntegerField(
                                default=5,
                                help_text="Berapa tahun data pribadi pemohon dan pengadu disimpan setelah berkas atau pengaduan selesai (dan izinnya tidak berlaku lagi).",
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(100),
                                ],
                                verbose_name="masa retensi data pribadi (tahun)",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "instansi",
                        "verbose_name_plural": "instansi",
                        "db_table": "accounts_office",
                    },
                ),
                migrations.CreateModel(
                    name="CalendarDay",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("date", models.DateField(verbose_name="tanggal")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("closure", "libur kantor"),
                                    ("extra", "hari kerja tambahan"),
                                ],
                                max_length=10,
                                verbose_name="jenis",
                            ),
                        ),
                        ("reason", models.CharField(max_length=200, verbose_name="keterangan")),
                        (
                            "office",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="calendar_days",
                                to="core.office",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "hari khusus kalender kantor",
                        "verbose_name_plural": "kalender kantor",
                        "db_table": "accounts_calendarday",
                        "ordering": ["date"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("office", "date"), name="one_entry_per_day"
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Sequence",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("name", models.CharField(max_length=60)),
                        ("year", models.PositiveIntegerField()),
                        ("last", models.PositiveIntegerField(default=0)),
                        (
                            "office",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT, to="core.office"
                            ),
                        ),
                    ],
                    options={
                        "db_table": "permits_sequence",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("office", "name", "year"), name="one_sequence"
                            )
                        ],
                    },
                ),
            ],
        ),
    ]
