# «Форма наставничества» is a mentoring *format* here, not a Django form: MentoringForm and
# ProgrammeForm become MentoringFormat and ProgrammeFormat. RenameModel renames the tables (rows kept),
# the many-to-many table of a programme format's types and, through the contenttypes app, the content
# types; foreign keys elsewhere keep their columns.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0003_passport_documents_and_regulation"),
        ("matching", "0001_initial"),
        ("pairs", "0004_move_matching_and_diary"),
        # Every migration that points a foreign key at the old names runs before the rename.
        ("bases", "0002_initial"),
        ("practices", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel("MentoringForm", "MentoringFormat"),
        migrations.RenameModel("ProgrammeForm", "ProgrammeFormat"),
    ]
