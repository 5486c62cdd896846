"""The models of use cases, one module per family; every model is imported
here, so Django finds them and ``usecases.models`` names them all."""

from .assignments import AssessmentDraft
from .assignments import DeclaredConflict
from .assignments import ReviewAssignment
from .assignments import ReviewClock
from .assignments import ReviewerExpertise
from .assignments import SelectionOverride
from .attachments import Attachment
from .attachments import attachment_path
from .conversation import Comment
from .conversation import CommentKind
from .conversation import NoticeKind
from .conversation import Question
from .conversation import ReviewNotice
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
    "AssessmentDraft",
    "Attachment",
    "Comment",
    "CommentKind",
    "CriterionWeights",
    "DeclaredConflict",
    "NoticeKind",
    "Question",
    "ReviewAssignment",
    "ReviewClock",
    "ReviewNotice",
    "PartnerInvitation",
    "ReviewSummary",
    "ReviewerExpertise",
    "Sector",
    "SelectionOverride",
    "StatusChange",
    "StatusFieldGuardError",
    "UseCase",
    "UseCaseStatus",
    "attachment_path",
]
