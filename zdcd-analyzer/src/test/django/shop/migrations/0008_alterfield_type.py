from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [("shop", "0007_alterfield_length_down")]

    operations = [
        migrations.AlterField(model_name="book", name="page_count", field=models.BigIntegerField()),
    ]
