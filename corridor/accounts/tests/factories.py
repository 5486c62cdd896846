import factory

from corridor.accounts import roles
from corridor.accounts.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.django.Password("corridor-test-pw")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                self.groups.add(roles.group(name))
            self.__dict__.pop("role_names", None)


def board_user(**kwargs):
    return UserFactory(roles=["board"], **kwargs)


def reviewer_user(**kwargs):
    return UserFactory(roles=["reviewer"], **kwargs)


def partner_user(organisation, **kwargs):
    return UserFactory(roles=["partner"], organisation=organisation, **kwargs)
