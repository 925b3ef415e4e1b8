# Awards moved here from `documents` (which stays a rendering service below the programmes): the state
# is created here and the table documents_award renamed with its rows (nastavnik.common.adopt).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from nastavnik.common.adopt import adopt_table


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0003_award_kinds_of_source_003'),
        ('diary', '0001_initial'),
        ('pairs', '0004_move_matching_and_diary'),
        ('people', '0003_sensitivedataaccess'),
        ('programmes', '0004_rename_form_models'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Award',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('certificate', 'Грамота «Лучший наставник»'), ('thanks', 'Благодарственное письмо'), ('thanks_parents', 'Благодарственное письмо родителям наставника-обучающегося'), ('thanks_employer', 'Благодарственное письмо в организацию наставника')], max_length=20, verbose_name='вид')),
                        ('recipient', models.CharField(blank=True, max_length=300, verbose_name='адресат')),
                        ('number', models.CharField(max_length=30, verbose_name='номер')),
                        ('issued_on', models.DateField(verbose_name='дата')),
                        ('text', models.TextField(blank=True, verbose_name='текст')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('issued_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('pair', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='awards', to='pairs.pair', verbose_name='пара')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='awards', to='people.person', verbose_name='кому')),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='awards', to='programmes.programme', verbose_name='программа')),
                    ],
                    options={
                        'verbose_name': 'награда',
                        'verbose_name_plural': 'награды',
                        'ordering': ['-issued_on', '-id'],
                        'constraints': [models.UniqueConstraint(fields=('programme', 'kind', 'number'), name='unique_award_number')],
                    },
                ),
            ]
        ),
        adopt_table("diary", "Award", "documents_award"),
    ]
