from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [("shop", "0014_addconstraint")]

    operations = [
        migrations.RunSQL(
            sql="UPDATE shop_book SET rating = 0 WHERE rating IS NULL;",
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
