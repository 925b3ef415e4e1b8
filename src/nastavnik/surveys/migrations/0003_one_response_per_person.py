from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0002_answer_imports"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="response",
            constraint=models.UniqueConstraint(
                condition=models.Q(("person__isnull", False)),
                fields=("campaign", "person"),
                name="one_response_per_person",
            ),
        ),
    ]
