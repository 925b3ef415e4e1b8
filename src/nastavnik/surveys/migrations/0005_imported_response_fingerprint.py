from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0004_campaign_once_per_year"),
    ]

    operations = [
        migrations.AddField(
            model_name="importedresponse",
            name="fingerprint",
            field=models.CharField(blank=True, db_index=True, default="", max_length=40),
        ),
    ]
