import datetime

import factory

from coalitions.models import Coalition
from coalitions.models import Membership
from coalitions.models import Organisation
from coalitions.models import Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"region-{n}")
    name = factory.LazyAttribute(lambda r: r.slug.replace("-", " ").title())


def mra():
    return RegionFactory(slug="mra", name="Metropoolregio Amsterdam")


def brainport():
    return RegionFactory(slug="brainport", name="Brainport Eindhoven")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.Sequence(lambda n: f"organisatie-{n}")
    kind = Organisation.Kind.COMPANY
    region = factory.LazyFunction(mra)
    city = "Amsterdam"
    capabilities = factory.LazyFunction(lambda: ["ai"])


class CoalitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coalition
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Coalitie {n}")
    slug = factory.Sequence(lambda n: f"coalitie-{n}")
    purpose = "Samen sneller naar uitvoering."
    status = Coalition.Status.ACTIVE

    @factory.post_generation
    def interventions(self, create, extracted, **kwargs):
        if create and extracted:
            self.interventions.set(extracted)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    coalition = factory.SubFactory(CoalitionFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.MEMBER
    joined = factory.LazyFunction(lambda: datetime.date(2025, 1, 1))
