from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [("shop", "0003_addfield_default")]

    operations = [
        migrations.RemoveField(model_name="book", name="subtitle"),
    ]
