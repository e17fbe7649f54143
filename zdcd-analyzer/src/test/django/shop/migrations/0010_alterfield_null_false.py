from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [("shop", "0009_alterfield_null_true")]

    operations = [
        migrations.AlterField(model_name="author", name="email", field=models.CharField(max_length=254)),
    ]
