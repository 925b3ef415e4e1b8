# State only: StatusChange now lives in `diary` (its table was renamed by diary 0003).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('diary', '0003_statuschange'),
        ('bases', '0006_mentor_background'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='StatusChange',
                ),
            ]
        ),
    ]
