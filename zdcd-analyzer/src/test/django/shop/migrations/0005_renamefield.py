from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [("shop", "0004_removefield")]

    operations = [
        migrations.RenameField(model_name="book", old_name="pages", new_name="page_count"),
    ]
