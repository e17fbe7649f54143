from django.db import migrations


def fill_ratings(apps, schema_editor):
    Book = apps.get_model("shop", "Book")
    Book.objects.filter(rating="").update(rating="0")


class Migration(migrations.Migration):

    dependencies = [("shop", "0021_alterfield_int_to_varchar")]

    operations = [
        migrations.RunPython(fill_ratings, migrations.RunPython.noop),
    ]
