from django.db import migrations
from django.db import models


class Migration(migrations.Migration):
    """A list filtered by intervention and status walks only its own rows, in
    list order; the index it replaces is this one's prefix."""

    dependencies = [
        ("usecases", "0005_review_summary"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="usecase",
            name="usecases_us_interve_d63f0a_idx",
        ),
        migrations.AddIndex(
            model_name="usecase",
            index=models.Index(
                fields=["intervention", "status", "-created", "-id"],
                name="use_case_interv_status_newest",
            ),
        ),
    ]
