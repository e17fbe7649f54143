from django.db import migrations, models


def fill_notes(apps, schema_editor):
    Book = apps.get_model("shop", "Book")
    Book.objects.update(note="")


class Migration(migrations.Migration):

    dependencies = [("shop", "0022_runpython")]

    operations = [
        migrations.AddField(model_name="book", name="note", field=models.TextField(null=True)),
        migrations.RunPython(fill_notes, migrations.RunPython.noop, elidable=True),
    ]
