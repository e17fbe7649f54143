from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [("shop", "0010_alterfield_null_false")]

    operations = [
        migrations.AlterField(model_name="book", name="title", field=models.CharField(max_length=100, db_index=True)),
    ]
