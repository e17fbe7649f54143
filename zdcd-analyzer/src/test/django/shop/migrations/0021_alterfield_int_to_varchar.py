from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [("shop", "0020_addfield_unique")]

    operations = [
        migrations.AlterField(model_name="book", name="rating", field=models.CharField(max_length=10, default="0")),
    ]
