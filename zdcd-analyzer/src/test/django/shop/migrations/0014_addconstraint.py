from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [("shop", "0013_addindex")]

    operations = [
        migrations.AddConstraint(model_name="book", constraint=models.CheckConstraint(check=models.Q(rating__gte=0), name="book_rating_gte_0")),
    ]
