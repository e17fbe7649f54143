from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("orders", "0002_order_email")]
    operations = [
        migrations.RemoveField(model_name="order", name="legacy"),
    ]
