# The meeting log, plans and evaluations moved here from `pairs`, with their history tables: the state is
# created here, the tables are renamed with their rows (nastavnik.common.adopt); pairs 0004 then drops the
# models from its own state only.

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from nastavnik.common.adopt import adopt_table


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('pairs', '0003_lifecycle'),
        ('people', '0003_sensitivedataaccess'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalIndividualPlan',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('goals', models.TextField(blank=True, verbose_name='цели (из запроса)')),
                        ('results', models.TextField(blank=True, verbose_name='результаты')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('member', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pairs.pairmentee', verbose_name='наставляемый')),
                    ],
                    options={
                        'verbose_name': 'historical индивидуальный план',
                        'verbose_name_plural': 'historical индивидуальные планы',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalPairMeeting',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('held_on', models.DateField(verbose_name='дата')),
                        ('kind', models.CharField(choices=[('intro', 'Встреча-знакомство'), ('trial', 'Пробная рабочая встреча'), ('planning', 'Встреча-планирование'), ('regular', 'Встреча из серии'), ('final', 'Итоговая встреча')], default='regular', max_length=10, verbose_name='тип встречи')),
                        ('topic', models.CharField(max_length=300, verbose_name='тема')),
                        ('duration_minutes', models.PositiveSmallIntegerField(default=45, verbose_name='длительность, мин')),
                        ('format', models.CharField(choices=[('offline', 'Очно'), ('online', 'Онлайн')], default='offline', max_length=8, verbose_name='формат')),
                        ('notes', models.TextField(blank=True, verbose_name='заметки')),
                        ('created_at', models.DateTimeField(blank=True, editable=False)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('pair', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pairs.pair', verbose_name='пара')),
                    ],
                    options={
                        'verbose_name': 'historical встреча пары',
                        'verbose_name_plural': 'historical дневник встреч',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='IndividualPlan',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('goals', models.TextField(blank=True, verbose_name='цели (из запроса)')),
                        ('results', models.TextField(blank=True, verbose_name='результаты')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('member', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='plan', to='pairs.pairmentee', verbose_name='наставляемый')),
                    ],
                    options={
                        'verbose_name': 'индивидуальный план',
                        'verbose_name_plural': 'индивидуальные планы',
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalPlanTask',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('title', models.CharField(max_length=300, verbose_name='задача')),
                        ('due_on', models.DateField(blank=True, null=True, verbose_name='срок')),
                        ('status', models.CharField(choices=[('todo', 'Не начата'), ('in_progress', 'В работе'), ('done', 'Выполнена'), ('cancelled', 'Отменена')], default='todo', max_length=12, verbose_name='статус')),
                        ('result', models.TextField(blank=True, verbose_name='результат')),
                        ('order', models.PositiveIntegerField(default=0)),
                        ('done_on', models.DateField(blank=True, null=True, verbose_name='выполнена')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('plan', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='diary.individualplan', verbose_name='план')),
                    ],
                    options={
                        'verbose_name': 'historical задача плана',
                        'verbose_name_plural': 'historical задачи плана',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='PairMeeting',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('held_on', models.DateField(verbose_name='дата')),
                        ('kind', models.CharField(choices=[('intro', 'Встреча-знакомство'), ('trial', 'Пробная рабочая встреча'), ('planning', 'Встреча-планирование'), ('regular', 'Встреча из серии'), ('final', 'Итоговая встреча')], default='regular', max_length=10, verbose_name='тип встречи')),
                        ('topic', models.CharField(max_length=300, verbose_name='тема')),
                        ('duration_minutes', models.PositiveSmallIntegerField(default=45, verbose_name='длительность, мин')),
                        ('format', models.CharField(choices=[('offline', 'Очно'), ('online', 'Онлайн')], default='offline', max_length=8, verbose_name='формат')),
                        ('notes', models.TextField(blank=True, verbose_name='заметки')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('pair', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='meetings', to='pairs.pair', verbose_name='пара')),
                    ],
                    options={
                        'verbose_name': 'встреча пары',
                        'verbose_name_plural': 'дневник встреч',
                        'ordering': ['-held_on', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='MeetingRating',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('score', models.PositiveSmallIntegerField(verbose_name='оценка')),
                        ('comment', models.TextField(blank=True, verbose_name='комментарий')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='people.person', verbose_name='наставляемый')),
                        ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='ratings', to='diary.pairmeeting')),
                    ],
                    options={
                        'verbose_name': 'оценка встречи',
                        'verbose_name_plural': 'оценки встреч',
                    },
                ),
                migrations.CreateModel(
                    name='MeetingAttachment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('file', models.FileField(upload_to='meetings/%Y/%m/', verbose_name='файл')),
                        ('name', models.CharField(max_length=200, verbose_name='имя файла')),
                        ('size', models.PositiveIntegerField(default=0, verbose_name='размер, байт')),
                        ('uploaded_at', models.DateTimeField(auto_now_add=True)),
                        ('uploaded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='diary.pairmeeting')),
                    ],
                    options={
                        'verbose_name': 'вложение',
                        'verbose_name_plural': 'вложения',
                    },
                ),
                migrations.CreateModel(
                    name='PlanTask',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=300, verbose_name='задача')),
                        ('due_on', models.DateField(blank=True, null=True, verbose_name='срок')),
                        ('status', models.CharField(choices=[('todo', 'Не начата'), ('in_progress', 'В работе'), ('done', 'Выполнена'), ('cancelled', 'Отменена')], default='todo', max_length=12, verbose_name='статус')),
                        ('result', models.TextField(blank=True, verbose_name='результат')),
                        ('order', models.PositiveIntegerField(default=0)),
                        ('done_on', models.DateField(blank=True, null=True, verbose_name='выполнена')),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='tasks', to='diary.individualplan', verbose_name='план')),
                    ],
                    options={
                        'verbose_name': 'задача плана',
                        'verbose_name_plural': 'задачи плана',
                        'ordering': ['plan', 'order', 'due_on', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='PairEvaluation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('side', models.CharField(choices=[('mentor', 'Наставник'), ('mentee', 'Наставляемый')], max_length=6, verbose_name='роль')),
                        ('score', models.PositiveSmallIntegerField(verbose_name='оценка')),
                        ('comment', models.TextField(blank=True, verbose_name='отзыв')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('author', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='people.person', verbose_name='кто оценивает')),
                        ('pair', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evaluations', to='pairs.pair', verbose_name='пара')),
                    ],
                    options={
                        'verbose_name': 'взаимная оценка',
                        'verbose_name_plural': 'взаимные оценки',
                        'constraints': [models.UniqueConstraint(fields=('pair', 'author'), name='one_evaluation_per_author'), models.CheckConstraint(condition=models.Q(('score__gte', 1), ('score__lte', 5)), name='evaluation_1_5')],
                    },
                ),
                migrations.AddIndex(
                    model_name='pairmeeting',
                    index=models.Index(fields=['pair', 'held_on'], name='pairs_pairm_pair_id_f1483b_idx'),
                ),
                migrations.AddConstraint(
                    model_name='meetingrating',
                    constraint=models.UniqueConstraint(fields=('meeting', 'person'), name='one_rating_per_meeting_person'),
                ),
                migrations.AddConstraint(
                    model_name='meetingrating',
                    constraint=models.CheckConstraint(condition=models.Q(('score__gte', 1), ('score__lte', 5)), name='meeting_rating_1_5'),
                ),
            ]
        ),
        adopt_table("diary", "PairMeeting", "pairs_pairmeeting"),
        adopt_table("diary", "MeetingAttachment", "pairs_meetingattachment"),
        adopt_table("diary", "MeetingRating", "pairs_meetingrating"),
        adopt_table("diary", "IndividualPlan", "pairs_individualplan"),
        adopt_table("diary", "PlanTask", "pairs_plantask"),
        adopt_table("diary", "PairEvaluation", "pairs_pairevaluation"),
        adopt_table("diary", "HistoricalPairMeeting", "pairs_historicalpairmeeting"),
        adopt_table("diary", "HistoricalIndividualPlan", "pairs_historicalindividualplan"),
        adopt_table("diary", "HistoricalPlanTask", "pairs_historicalplantask"),
    ]
