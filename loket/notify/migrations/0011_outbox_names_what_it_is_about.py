"""A message names the record it is about, as a letter does (see 0008).

`about` ("<app>.<model>:<id>", indexed) is what the owning app finds its messages by;
`reference` (the former `ref`, never filled until now) and `link` are what the
officers' lists show. The next migration fills them from the foreign key to the file,
the one after drops that key.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notify", "0010_sms_texts_fit_whole_words_and_link_where_to_act"),
    ]

    operations = [
        migrations.RenameField(model_name="outbox", old_name="ref", new_name="reference"),
        migrations.AlterField(
            model_name="outbox",
            name="reference",
            field=models.CharField(blank=True, max_length=80, verbose_name="perihal"),
        ),
        migrations.AddField(
            model_name="outbox",
            name="about",
            field=models.CharField(blank=True, db_index=True, max_length=80),
        ),
        migrations.AddField(
            model_name="outbox",
            name="link",
            field=models.CharField(blank=True, max_length=200),
        ),
    ]
