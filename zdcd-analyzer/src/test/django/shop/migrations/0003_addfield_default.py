from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [("shop", "0002_addfield_nullable")]

    operations = [
        migrations.AddField(model_name="book", name="rating", field=models.IntegerField(default=0)),
    ]
