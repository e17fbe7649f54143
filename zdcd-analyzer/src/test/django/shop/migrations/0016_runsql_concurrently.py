from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("shop", "0015_runsql")]

    operations = [
        migrations.RunSQL(
            sql="CREATE INDEX CONCURRENTLY IF NOT EXISTS shop_book_page_count_idx ON shop_book (page_count);",
            reverse_sql="DROP INDEX CONCURRENTLY IF EXISTS shop_book_page_count_idx;",
        ),
    ]
