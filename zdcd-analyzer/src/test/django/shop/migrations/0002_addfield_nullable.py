from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [("shop", "0001_initial")]

    operations = [
        migrations.AddField(model_name="book", name="subtitle", field=models.CharField(max_length=100, null=True)),
    ]
