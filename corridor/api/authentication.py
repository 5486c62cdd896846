"""Personal API tokens sent as ``Authorization: Bearer <token>`` (or ``Token <token>``).

The token is checked by ``corridor.accounts.tokens.user_for_token``, which knows
how tokens are stored (a hash only), when they expire and whether they were
revoked.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication
from rest_framework import exceptions

from corridor.accounts.tokens import user_for_token
from corridor.security.client_ip import client_ip

KEYWORDS = ("bearer", "token")


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode("latin-1").lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the token as: Authorization: Bearer <token>.")
            )
        try:
            plaintext = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("This API token is not valid.")) from None
        user = user_for_token(plaintext, ip=client_ip(request))
        if user is None:
            raise exceptions.AuthenticationFailed(
                _("This API token is not valid, has expired or was revoked.")
            )
        return user, user._api_token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(
                _(
                    "A personal API token: `python manage.py corridor_token USERNAME` or the "
                    "profile page. Also accepted as `Authorization: Token <token>`."
                )
            ),
        }
