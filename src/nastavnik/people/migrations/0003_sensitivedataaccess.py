# The log of who read whose sensitive data moved here from the former `core` app: the table
# core_sensitivedataaccess is renamed on databases made before the move (see nastavnik.common.adopt).

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from nastavnik.common.adopt import adopt_table


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("people", "0002_person_search_text"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SensitiveDataAccess",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("at", models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="когда")),
                        ("place", models.CharField(choices=[("card", "карточка человека"), ("edit", "изменение чувствительных сведений")], max_length=10, verbose_name="где")),
                        ("person", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="sensitive_reads", to="people.person", verbose_name="чьи сведения")),
                        ("user", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="кто")),
                    ],
                    options={
                        "verbose_name": "просмотр чувствительных сведений",
                        "verbose_name_plural": "просмотры чувствительных сведений",
                    },
                ),
            ]
        ),
        adopt_table("people", "SensitiveDataAccess", "core_sensitivedataaccess"),
    ]
