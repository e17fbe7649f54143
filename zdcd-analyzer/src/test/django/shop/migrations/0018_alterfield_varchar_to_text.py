from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [("shop", "0017_alterfield_null_false_default")]

    operations = [
        migrations.AlterField(model_name="book", name="title", field=models.TextField(db_index=True)),
    ]
