import factory

from coalitions.tests.factories import OrganisationFactory
from corridor.accounts.tests.factories import UserFactory
from interventions.tests.factories import InterventionFactory
from usecases import scoring
from usecases.models import Assessment
from usecases.models import UseCase


class UseCaseFactory(factory.django.DjangoModelFactory):
    """A draft use case. Move it on with ``usecases.services.transition_use_case``."""

    class Meta:
        model = UseCase
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Use case {n}")
    summary = "Korte samenvatting."
    problem = "Het probleem."
    expected_outcome = "De verwachte uitkomst."
    intervention = factory.SubFactory(InterventionFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    submitted_by = factory.SubFactory(UserFactory)
    sectors = factory.LazyFunction(lambda: ["industry"])
    needed_capabilities = factory.LazyFunction(lambda: ["ai"])
    location = "Almere"

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create and extracted:
            self.partners.set(extracted)


class AssessmentFactory(factory.django.DjangoModelFactory):
    """An assessment saved directly, past ``usecases.services.record_assessment``
    (any use case, any status): it brings the review summary in step itself."""

    class Meta:
        model = Assessment
        skip_postgeneration_save = True

    use_case = factory.SubFactory(UseCaseFactory)
    reviewer = factory.SubFactory(UserFactory)
    complementarity = 4
    existing_strengths = 4
    feasibility = 3
    scalability = 3
    rationale = "Sterke koppeling tussen de regio's."
    recommendation = Assessment.Recommendation.SELECT

    @factory.post_generation
    def review_summary(self, create, extracted, **kwargs):
        if create:
            scoring.refresh([self.use_case_id])
