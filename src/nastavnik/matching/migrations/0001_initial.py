# Matching models moved here from `pairs` (the speed-meeting ones renamed from GroupMeeting, MeetingMentor,
# MeetingMentee, MeetingPreference): the state is created here, the tables are renamed with their rows
# (nastavnik.common.adopt); pairs 0004 then drops the models from its own state only.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from nastavnik.common.adopt import adopt_table


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('pairs', '0003_lifecycle'),
        ('bases', '0006_mentor_background'),
        ('programmes', '0003_passport_documents_and_regulation'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='MatchingRun',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('scheme', models.CharField(choices=[('appointment', 'Назначение куратором'), ('questionnaire', 'Подбор по анкетам'), ('group_meeting', 'Групповая встреча (Mentor Match)')], max_length=20, verbose_name='схема')),
                        ('policy', models.CharField(choices=[('max_matched', 'Как можно больше пар'), ('max_score', 'Наибольший суммарный балл')], default='max_matched', max_length=12, verbose_name='цель подбора')),
                        ('settings_snapshot', models.JSONField(default=dict)),
                        ('summary', models.JSONField(default=dict)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='matching_runs', to='programmes.programme')),
                        ('programme_form', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='programmes.programmeform')),
                    ],
                    options={
                        'verbose_name': 'подбор пар',
                        'verbose_name_plural': 'подборы пар',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='MatchingSettings',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('weights', models.JSONField(blank=True, default=dict, verbose_name='веса')),
                        ('same_organisation_only', models.BooleanField(default=True, verbose_name='только наставники своей организации')),
                        ('forbid_same_class', models.BooleanField(default=False, verbose_name='запретить пары из одного класса')),
                        ('require_problem_match', models.BooleanField(default=True, verbose_name='наставник должен помогать хотя бы с одной проблемой наставляемого')),
                        ('programme_form', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='matching_settings', to='programmes.programmeform')),
                    ],
                    options={
                        'verbose_name': 'настройки подбора',
                        'verbose_name_plural': 'настройки подбора',
                    },
                ),
                migrations.CreateModel(
                    name='SpeedMeeting',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, verbose_name='название')),
                        ('date', models.DateField(verbose_name='дата')),
                        ('place', models.CharField(blank=True, max_length=200, verbose_name='место')),
                        ('round_minutes', models.PositiveSmallIntegerField(default=5, verbose_name='минут на одну встречу')),
                        ('total_minutes', models.PositiveSmallIntegerField(default=60, verbose_name='минут на все встречи')),
                        ('status', models.CharField(choices=[('planned', 'Запланирована'), ('preferences', 'Собираем выбор участников'), ('matched', 'Пары подобраны')], default='planned', max_length=12, verbose_name='этап')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='создана')),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='кто создал')),
                        ('programme_form', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='group_meetings', to='programmes.programmeform', verbose_name='форма наставничества')),
                        ('run', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='matching.matchingrun', verbose_name='подбор')),
                    ],
                    options={
                        'verbose_name': 'групповая встреча',
                        'verbose_name_plural': 'групповые встречи',
                        'ordering': ['-date', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='SpeedMeetingChoice',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('side', models.CharField(choices=[('mentor', 'Наставник'), ('mentee', 'Наставляемый')], max_length=6, verbose_name='кто выбирает')),
                        ('participant', models.PositiveIntegerField(verbose_name='участник')),
                        ('ranking', models.JSONField(blank=True, default=list, verbose_name='выбор по порядку')),
                        ('entered_at', models.DateTimeField(auto_now=True, verbose_name='когда внесён')),
                        ('entered_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='кто внёс')),
                        ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='preferences', to='matching.speedmeeting', verbose_name='встреча')),
                    ],
                    options={
                        'verbose_name': 'выбор участника встречи',
                        'verbose_name_plural': 'выбор участников встречи',
                    },
                ),
                migrations.CreateModel(
                    name='SpeedMeetingMentee',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='mentees', to='matching.speedmeeting', verbose_name='встреча')),
                        ('mentee', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='bases.menteeentry', verbose_name='наставляемый')),
                    ],
                    options={
                        'verbose_name': 'наставляемый на встрече',
                        'verbose_name_plural': 'наставляемые на встрече',
                        'ordering': ['id'],
                    },
                ),
                migrations.CreateModel(
                    name='SpeedMeetingMentor',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('table', models.PositiveSmallIntegerField(verbose_name='стол')),
                        ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='mentors', to='matching.speedmeeting', verbose_name='встреча')),
                        ('mentor', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='bases.mentorentry', verbose_name='наставник')),
                    ],
                    options={
                        'verbose_name': 'наставник на встрече',
                        'verbose_name_plural': 'наставники на встрече',
                        'ordering': ['table'],
                    },
                ),
                migrations.CreateModel(
                    name='MatchingConstraint',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('lock', 'Закрепить пару'), ('forbid', 'Запретить пару')], max_length=8, verbose_name='что сделать')),
                        ('reason', models.CharField(blank=True, max_length=200, verbose_name='причина')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('mentee', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='bases.menteeentry', verbose_name='наставляемый')),
                        ('mentor', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='bases.mentorentry', verbose_name='наставник')),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='programmes.programme')),
                    ],
                    options={
                        'verbose_name': 'ограничение подбора',
                        'verbose_name_plural': 'ограничения подбора',
                        'constraints': [models.UniqueConstraint(fields=('mentor', 'mentee'), name='one_constraint_per_pair')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='speedmeeting',
                    constraint=models.CheckConstraint(condition=models.Q(('round_minutes__gte', 1), ('round_minutes__lte', 60)), name='meeting_round_minutes_range'),
                ),
                migrations.AddConstraint(
                    model_name='speedmeeting',
                    constraint=models.CheckConstraint(condition=models.Q(('total_minutes__gte', 5), ('total_minutes__lte', 600)), name='meeting_total_minutes_range'),
                ),
                migrations.AddConstraint(
                    model_name='speedmeeting',
                    constraint=models.CheckConstraint(condition=models.Q(('round_minutes__lte', models.F('total_minutes'))), name='meeting_round_within_total'),
                ),
                migrations.AddConstraint(
                    model_name='speedmeetingchoice',
                    constraint=models.UniqueConstraint(fields=('meeting', 'side', 'participant'), name='one_preference_per_participant'),
                ),
                migrations.AddConstraint(
                    model_name='speedmeetingmentee',
                    constraint=models.UniqueConstraint(fields=('meeting', 'mentee'), name='unique_mentee_at_meeting'),
                ),
                migrations.AddConstraint(
                    model_name='speedmeetingmentor',
                    constraint=models.UniqueConstraint(fields=('meeting', 'mentor'), name='unique_mentor_at_meeting'),
                ),
                migrations.AddConstraint(
                    model_name='speedmeetingmentor',
                    constraint=models.UniqueConstraint(fields=('meeting', 'table'), name='unique_table_at_meeting'),
                ),
            ]
        ),
        adopt_table("matching", "MatchingRun", "pairs_matchingrun"),
        adopt_table("matching", "MatchingConstraint", "pairs_matchingconstraint"),
        adopt_table("matching", "MatchingSettings", "pairs_matchingsettings"),
        adopt_table("matching", "SpeedMeeting", "pairs_groupmeeting", "GroupMeeting"),
        adopt_table("matching", "SpeedMeetingMentor", "pairs_meetingmentor", "MeetingMentor"),
        adopt_table("matching", "SpeedMeetingMentee", "pairs_meetingmentee", "MeetingMentee"),
        adopt_table("matching", "SpeedMeetingChoice", "pairs_meetingpreference", "MeetingPreference"),
    ]
