"""Writes of user accounts."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import roles
from .models import User
from .models import organisation_model


@transaction.atomic
def create_or_update_user(
    *,
    username: str,
    role: str,
    password: str,
    organisation_slug: str | None = None,
    email: str = "",
) -> tuple[User, bool]:
    """Create (or update) an account with one role. Refuses an unknown role or
    organisation, a partner without an organisation, and a weak password."""
    errors = {}
    if role not in roles.ROLES:
        errors["role"] = _("Unknown role “%(role)s”. Choose from: %(roles)s.") % {
            "role": role,
            "roles": ", ".join(roles.ROLES),
        }
    organisation = None
    if organisation_slug:
        organisation = organisation_model().objects.filter(slug=organisation_slug).first()
        if organisation is None:
            errors["organisation"] = _("No organisation with slug “%(slug)s”.") % {
                "slug": organisation_slug
            }
    elif role == roles.PARTNER:
        errors["organisation"] = _("A partner user needs an organisation (--organisation SLUG).")
    if errors:
        raise ValidationError(errors)

    user = User.objects.filter(username=username).first()
    created = user is None
    user = user or User(username=username)
    if created and role == roles.PARTNER:
        # The Board reads the digest by default; partners opt in on their profile.
        user.digest_frequency = User.DigestFrequency.NONE
    if email:
        user.email = email
    if organisation is not None:
        user.organisation = organisation
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    user.is_staff = _is_staff(user, role)
    user.full_clean(exclude=["password"])
    user.save()
    set_role(user, role)
    return user, created


def _is_staff(user: User, role: str) -> bool:
    return role == roles.BOARD or user.is_superuser


def set_role(user: User, role: str) -> None:
    """Give a saved ``user`` exactly this one role (other roles removed; groups
    that are no role stay). Board users are staff, so the admin opens for them;
    leaving the Board takes staff status away (a superuser keeps it)."""
    if user.is_staff != _is_staff(user, role):
        user.is_staff = _is_staff(user, role)
        user.save(update_fields=["is_staff"])
    others = [name for name in roles.ROLES if name != role]
    user.groups.remove(*user.groups.filter(name__in=others))
    user.groups.add(roles.group(role))
    user.__dict__.pop("role_names", None)
