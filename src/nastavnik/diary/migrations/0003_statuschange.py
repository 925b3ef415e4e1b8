# The log of participants' status changes (a mentee became a mentor, a mentor's level) is written by a
# pair's completion: it moved here from `bases`, its table renamed with its rows (nastavnik.common.adopt).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from nastavnik.common.adopt import adopt_table


class Migration(migrations.Migration):

    dependencies = [
        ('bases', '0006_mentor_background'),
        ('diary', '0002_award'),
        ('pairs', '0004_move_matching_and_diary'),
        ('people', '0003_sensitivedataaccess'),
        ('programmes', '0004_rename_form_models'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='StatusChange',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('mentee_to_mentor', 'Наставляемый стал наставником'), ('mentor_level', 'Статус наставника')], max_length=20, verbose_name='что изменилось')),
                        ('old_value', models.CharField(blank=True, max_length=40, verbose_name='было')),
                        ('new_value', models.CharField(blank=True, max_length=40, verbose_name='стало')),
                        ('reason', models.TextField(blank=True, verbose_name='основание')),
                        ('changed_at', models.DateTimeField(auto_now_add=True, verbose_name='когда')),
                        ('changed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='кто')),
                        ('pair', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='pairs.pair', verbose_name='пара')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='people.person', verbose_name='участник')),
                        ('programme', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='programmes.programme', verbose_name='программа')),
                    ],
                    options={
                        'verbose_name': 'смена статуса участника',
                        'verbose_name_plural': 'смены статусов участников',
                        'ordering': ['-changed_at', '-id'],
                    },
                ),
            ]
        ),
        adopt_table("diary", "StatusChange", "bases_statuschange"),
    ]
