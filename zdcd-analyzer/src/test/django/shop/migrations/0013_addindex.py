from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [("shop", "0012_alterfield_unique")]

    operations = [
        migrations.AddIndex(model_name="book", index=models.Index(fields=["published", "rating"], name="book_pub_rating_idx")),
    ]
