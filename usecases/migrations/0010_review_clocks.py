"""Start the review clock of every use case already submitted or in review, at
its last move into that status (no pauses existed before)."""

from django.db import migrations


def start_clocks(apps, schema_editor):
    UseCase = apps.get_model("usecases", "UseCase")
    StatusChange = apps.get_model("usecases", "StatusChange")
    ReviewClock = apps.get_model("usecases", "ReviewClock")
    clocks = []
    for use_case in UseCase.objects.filter(status__in=["submitted", "in_review"]).only(
        "pk", "status"
    ):
        last = (
            StatusChange.objects.filter(use_case_id=use_case.pk, to_status=use_case.status)
            .order_by("-created", "-pk")
            .values_list("created", flat=True)
            .first()
        )
        if last is not None:
            clocks.append(ReviewClock(use_case_id=use_case.pk, started=last))
    ReviewClock.objects.bulk_create(clocks, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("usecases", "0009_review_round")]

    operations = [migrations.RunPython(start_clocks, migrations.RunPython.noop)]
