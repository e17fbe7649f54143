from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("orders", "0004_order_code")]
    operations = [
        migrations.AlterField(model_name="order", name="code", field=models.CharField(max_length=300, null=True)),
    ]
