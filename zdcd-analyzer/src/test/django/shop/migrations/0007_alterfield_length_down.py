from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [("shop", "0006_alterfield_length_up")]

    operations = [
        migrations.AlterField(model_name="book", name="title", field=models.CharField(max_length=100)),
    ]
