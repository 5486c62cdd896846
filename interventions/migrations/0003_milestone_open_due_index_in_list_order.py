from django.db import migrations
from django.db import models


class Migration(migrations.Migration):
    """Open milestones indexed by (due date, id), the list's order: the overdue
    milestones are counted and paged from the index alone."""

    dependencies = [
        ("interventions", "0002_action_line_list_order_index"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="milestone", name="milestone_open_due_idx"),
        migrations.AddIndex(
            model_name="milestone",
            index=models.Index(
                condition=models.Q(completed_on__isnull=True),
                fields=["due_date", "id"],
                name="milestone_open_due_idx",
            ),
        ),
    ]
