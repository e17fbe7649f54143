from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [("shop", "0019_addfield_foreignkey")]

    operations = [
        migrations.AddField(model_name="book", name="isbn", field=models.CharField(max_length=13, null=True, unique=True)),
    ]
