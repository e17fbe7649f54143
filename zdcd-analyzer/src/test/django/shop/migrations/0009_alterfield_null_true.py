from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [("shop", "0008_alterfield_type")]

    operations = [
        migrations.AlterField(model_name="author", name="name", field=models.CharField(max_length=100, null=True)),
    ]
