# State only: the Award model now lives in `diary` (its table was renamed by diary 0002).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('diary', '0002_award'),
        ('documents', '0003_award_kinds_of_source_003'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='Award',
                ),
            ]
        ),
    ]
