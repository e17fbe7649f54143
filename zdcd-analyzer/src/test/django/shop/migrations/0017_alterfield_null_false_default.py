from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [("shop", "0016_runsql_concurrently")]

    operations = [
        migrations.AlterField(model_name="author", name="name", field=models.CharField(max_length=100, default="anonymous")),
    ]
