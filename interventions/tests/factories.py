import datetime

import factory

from interventions.models import ActionLine
from interventions.models import Intervention
from interventions.models import Milestone


class InterventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intervention
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: n + 1)
    slug = factory.LazyAttribute(lambda i: f"interventie-{i.number}")
    title_nl = factory.LazyAttribute(lambda i: f"Interventie {i.number}")
    title_en = factory.LazyAttribute(lambda i: f"Intervention {i.number}")
    description_nl = "Beschrijving."
    description_en = "Description."
    agenda = "## Agenda\n\nEerste versie."


class ActionLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionLine

    intervention = factory.SubFactory(InterventionFactory)
    title = factory.Sequence(lambda n: f"Actielijn {n}")
    description = "Wat we gaan doen."
    kind = ActionLine.Kind.CONTENT
    status = ActionLine.Status.ACTIVE
    start_date = datetime.date(2026, 1, 1)
    end_date = datetime.date(2027, 12, 31)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    action_line = factory.SubFactory(ActionLineFactory)
    title = factory.Sequence(lambda n: f"Mijlpaal {n}")
    due_date = datetime.date(2027, 6, 1)


def bulk_lines_of_2026(intervention, count: int) -> list[ActionLine]:
    """``count`` action lines planned for 2026, in one insert (no history rows)."""
    year = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    return ActionLine.objects.bulk_create(
        ActionLine(
            intervention=intervention,
            title=f"Lijn {n}",
            start_date=year[0],
            end_date=year[1],
            baseline_start=year[0],
            baseline_end=year[1],
        )
        for n in range(count)
    )
