from django.db import migrations
from django.db import models


class Migration(migrations.Migration):
    """The API list of action lines reads a page from this index, in its order
    (intervention, start date, id), instead of sorting every line."""

    dependencies = [
        ("interventions", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="actionline",
            index=models.Index(
                fields=["intervention", "start_date", "id"], name="action_line_list_order_idx"
            ),
        ),
    ]
