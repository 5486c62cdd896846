from django.db import models


class EndpointQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The Board sees every endpoint; a partner user their organisation's."""
        if not (user and user.is_authenticated):
            return self.none()
        if user.is_board:
            return self
        if user.is_partner and user.organisation_id:
            return self.filter(organisation_id=user.organisation_id)
        return self.none()

    def failing(self):
        """Endpoints turned off by failures, or failing now."""
        return self.filter(models.Q(is_active=False) & ~models.Q(disabled_reason="")) | self.filter(
            is_active=True, failing_since__isnull=False
        )
