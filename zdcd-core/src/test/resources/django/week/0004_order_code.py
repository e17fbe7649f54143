from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("orders", "0003_remove_order_legacy")]
    operations = [
        migrations.AddField(model_name="order", name="code", field=models.CharField(max_length=200, null=True)),
    ]
