"""The models of use cases, one module per family; every model is imported
here, so Django finds them and ``usecases.models`` names them all."""

from .attachments import Attachment
from .attachments import attachment_path
from .invitations import PartnerInvitation
from .review import CRITERIA
from .review import Assessment
from .review import CriterionWeights
from .review import ReviewSummary
from .use_cases import Sector
from .use_cases import StatusChange
from .use_cases import StatusFieldGuardError
from .use_cases import UseCase
from .use_cases import UseCaseStatus

__all__ = [
    "CRITERIA",
    "Assessment",
    "Attachment",
    "CriterionWeights",
    "PartnerInvitation",
    "ReviewSummary",
    "Sector",
    "StatusChange",
    "StatusFieldGuardError",
    "UseCase",
    "UseCaseStatus",
    "attachment_path",
]
