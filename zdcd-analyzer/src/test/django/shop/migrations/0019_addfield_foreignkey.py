from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [("shop", "0018_alterfield_varchar_to_text")]

    operations = [
        migrations.AddField(model_name="book", name="editor", field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="edited", to="shop.author")),
    ]
