# The log of sent reminders moved here from the former `core` app: the table core_sentreminder is
# renamed on databases made before the move (see nastavnik.common.adopt).

from django.db import migrations, models

from nastavnik.common.adopt import adopt_table


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SentReminder",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("key", models.CharField(max_length=200, unique=True, verbose_name="ключ")),
                        ("recipient", models.CharField(max_length=254, verbose_name="кому")),
                        ("subject", models.CharField(max_length=300, verbose_name="тема")),
                        ("sent_at", models.DateTimeField(auto_now_add=True, verbose_name="отправлено")),
                    ],
                    options={
                        "verbose_name": "отправленное напоминание",
                        "verbose_name_plural": "отправленные напоминания",
                    },
                ),
            ]
        ),
        adopt_table("reminders", "SentReminder", "core_sentreminder"),
    ]
