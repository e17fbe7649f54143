from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [("shop", "0011_alterfield_db_index")]

    operations = [
        migrations.AlterField(model_name="author", name="email", field=models.CharField(max_length=254, unique=True)),
    ]
