"""What each open-data table is and what its columns mean, in English and Dutch.

A ``Resource`` is one CSV: its name, title and description, its fields with
their Frictionless type, title, description and (for codes) the allowed values,
its primary key and the foreign keys that tie it to the other tables.
``datapackage.json`` states all of it, so a validator checks the references and
a reuser reads what a column holds without this code.

``tables.PARTS`` is the list of parts; a further table is one more
``Resource`` here and one more pair (resource, row builder) there.
"""

from django.utils.translation import gettext_lazy as _

from coalitions.models import Capability
from coalitions.models import Coalition
from coalitions.models import Membership
from coalitions.models import Organisation
from interventions.models import ActionLine
from usecases.models import Sector
from usecases.models import UseCase

from .describe import Field
from .describe import ForeignKey
from .describe import Resource
from .describe import codes as _codes
from .describe import in_languages
from .describe import with_codes as _with_codes

__all__ = ["Field", "ForeignKey", "Resource", "in_languages"]


SLUG = _("Short name used in addresses; stable and unique.")
ID = _("Number of the row in the portal; stable and unique.")
INTERVENTION = _("Number of an intervention (interventions.csv).")
ORGANISATION = _("Slug of an organisation (organisations.csv).")
COALITION = _("Slug of a coalition (coalitions.csv).")
ACTION_LINE = _("Id of an action line (action_lines.csv).")
USE_CASE = _("Id of a use case (use_cases.csv).")


def _f(name, kind, title, description, **extra) -> Field:
    return Field(name, kind, title, description, **extra)


def _fk(name, resource, reference) -> ForeignKey:
    return ForeignKey(name, resource, reference)


INTERVENTIONS = Resource(
    "interventions",
    _("Interventions"),
    _("The four strategic interventions of the Tech Corridor, in Dutch and English."),
    [
        _f("number", "integer", _("Number"), _("1 to 4; the key other tables use."), required=True),
        _f("slug", "string", _("Slug"), SLUG),
        _f("title_nl", "string", _("Title (Dutch)"), _("The title in Dutch.")),
        _f("title_en", "string", _("Title (English)"), _("The title in English.")),
        _f("description_nl", "string", _("Description (Dutch)"), _("What it is about, in Dutch.")),
        _f("description_en", "string", _("Description (English)"), _("The same in English.")),
    ],
    ["number"],
)

ACTION_LINES = Resource(
    "action_lines",
    _("Action lines"),
    _("The action lines of each intervention, with their plan and progress."),
    [
        _f("id", "integer", _("Id"), ID, required=True),
        _f("intervention", "integer", _("Intervention"), INTERVENTION),
        _f("title", "string", _("Title"), _("The action line's name.")),
        _f(
            "kind",
            "string",
            _("Kind"),
            _("content: a content line; talent, physical_space, test_environment: a precondition."),
            codes=_codes(ActionLine.Kind.choices),
        ),
        _f(
            "status",
            "string",
            _("Status"),
            _("Where it stands."),
            codes=_codes(ActionLine.Status.choices),
        ),
        _f("lead_organisation", "string", _("Lead organisation"), ORGANISATION),
        _f("start_date", "date", _("Start"), _("Planned start (YYYY-MM-DD).")),
        _f("end_date", "date", _("End"), _("Planned end (YYYY-MM-DD).")),
        _f("baseline_start", "date", _("Baseline start"), _("The start first agreed.")),
        _f(
            "baseline_end",
            "date",
            _("Baseline end"),
            _("The end first agreed; a later end is slippage."),
        ),
        _f(
            "progress",
            "number",
            _("Progress"),
            _("Share of its milestones completed, 0 to 1; empty without milestones."),
        ),
    ],
    ["id"],
    [
        _fk("intervention", "interventions", "number"),
        _fk("lead_organisation", "organisations", "slug"),
    ],
)

MILESTONES = Resource(
    "milestones",
    _("Milestones"),
    _("The milestones of the action lines. Overdue: due date past and not completed."),
    [
        _f("id", "integer", _("Id"), ID, required=True),
        _f("action_line", "integer", _("Action line"), ACTION_LINE),
        _f("title", "string", _("Title"), _("What is to be reached.")),
        _f("due_date", "date", _("Due"), _("When it is due (YYYY-MM-DD).")),
        _f("completed_on", "date", _("Completed"), _("When it was reached; empty while open.")),
    ],
    ["id"],
    [_fk("action_line", "action_lines", "id")],
)

REGIONS = Resource(
    "regions",
    _("Regions"),
    _("Where organisations sit. The two poles of the corridor are mra and brainport."),
    [
        _f("slug", "string", _("Slug"), SLUG, required=True),
        _f("name", "string", _("Name"), _("The name in Dutch.")),
        _f("name_en", "string", _("Name (English)"), _("The name in English.")),
        _f("pole", "boolean", _("Pole"), _("true for the two poles of the corridor.")),
    ],
    ["slug"],
)

ORGANISATIONS = Resource(
    "organisations",
    _("Organisations"),
    _("The organisations taking part, with their region and capabilities."),
    [
        _f("slug", "string", _("Slug"), SLUG, required=True),
        _f("name", "string", _("Name"), _("The organisation's name.")),
        _f(
            "kind",
            "string",
            _("Kind"),
            _("What sort of organisation."),
            codes=_codes(Organisation.Kind.choices),
        ),
        _f("region", "string", _("Region"), _("Slug of a region (regions.csv).")),
        _f("city", "string", _("City"), _("Where it sits.")),
        _f("website", "string", _("Website"), _("Its address on the web.")),
        _f(
            "capabilities",
            "string",
            _("Capabilities"),
            _with_codes(_("What it brings, as codes separated by ';': %(codes)s."), Capability),
        ),
    ],
    ["slug"],
    [_fk("region", "regions", "slug")],
)

COALITIONS = Resource(
    "coalitions",
    _("Coalitions"),
    _("Coalitions past forming, with the scope their members give them."),
    [
        _f("slug", "string", _("Slug"), SLUG, required=True),
        _f("name", "string", _("Name"), _("The coalition's name.")),
        _f(
            "status",
            "string",
            _("Status"),
            _("Where it stands."),
            codes=_codes(Coalition.Status.choices),
        ),
        _f(
            "scope",
            "string",
            _("Scope"),
            _(
                "corridor: members in both poles (MRA and Brainport); mra or brainport: "
                "in one; multi_region: elsewhere too."
            ),
            codes=_codes(Coalition.Scope.choices),
        ),
        _f(
            "interventions",
            "string",
            _("Interventions"),
            _("Numbers of its interventions, separated by ';'."),
        ),
        _f("purpose", "string", _("Purpose"), _("What it sets out to do (Markdown).")),
    ],
    ["slug"],
)

MEMBERSHIPS = Resource(
    "memberships",
    _("Memberships"),
    _("Which organisation is in which coalition, in which role, since and until when."),
    [
        _f("coalition", "string", _("Coalition"), COALITION, required=True),
        _f("organisation", "string", _("Organisation"), ORGANISATION, required=True),
        _f(
            "role",
            "string",
            _("Role"),
            _("Its part in the coalition."),
            codes=_codes(Membership.Role.choices),
        ),
        _f("joined", "date", _("Joined"), _("When it joined (YYYY-MM-DD).")),
        _f("left", "date", _("Left"), _("When it left; empty while a member.")),
    ],
    foreign_keys=[
        _fk("coalition", "coalitions", "slug"),
        _fk("organisation", "organisations", "slug"),
    ],
)

USE_CASES = Resource(
    "use_cases",
    _("Use cases"),
    _("Use cases in a public status: selected, in execution or completed."),
    [
        _f("id", "integer", _("Id"), ID, required=True),
        _f("title", "string", _("Title"), _("The use case's name.")),
        _f("summary", "string", _("Summary"), _("What it is, in short.")),
        _f("intervention", "integer", _("Intervention"), INTERVENTION),
        _f("organisation", "string", _("Submitted by"), ORGANISATION),
        _f(
            "status",
            "string",
            _("Status"),
            _("Where it stands."),
            codes=_codes(UseCase.Status.choices),
        ),
        _f(
            "sectors",
            "string",
            _("Sectors"),
            _with_codes(_("Sectors it serves, as codes separated by ';': %(codes)s."), Sector),
        ),
        _f(
            "needed_capabilities",
            "string",
            _("Needed capabilities"),
            _("Capabilities it needs, as codes separated by ';' (see organisations.csv)."),
        ),
        _f("location", "string", _("Location"), _("Where it is tested or applied.")),
        _f("planned_start", "date", _("Planned start"), _("YYYY-MM-DD; empty when not planned.")),
        _f("planned_end", "date", _("Planned end"), _("YYYY-MM-DD; empty when not planned.")),
        _f("coalition", "string", _("Coalition"), COALITION),
        _f("action_line", "integer", _("Action line"), ACTION_LINE),
    ],
    ["id"],
    [
        _fk("intervention", "interventions", "number"),
        _fk("organisation", "organisations", "slug"),
        _fk("coalition", "coalitions", "slug"),
        _fk("action_line", "action_lines", "id"),
    ],
)

USE_CASE_PARTNERS = Resource(
    "use_case_partners",
    _("Use case partners"),
    _("The partner organisations of those use cases, one row each."),
    [
        _f("use_case", "integer", _("Use case"), USE_CASE, required=True),
        _f("organisation", "string", _("Organisation"), ORGANISATION, required=True),
    ],
    foreign_keys=[_fk("use_case", "use_cases", "id"), _fk("organisation", "organisations", "slug")],
)

CORRIDOR_INDEX = Resource(
    "corridor_index",
    _("Corridor index by month"),
    _(
        "The corridor index at the end of each month: the share of active coalitions and "
        "selected use cases that join at least one MRA and one Brainport organisation."
    ),
    [
        _f("date", "date", _("Date"), _("The day it was measured (YYYY-MM-DD)."), required=True),
        _f(
            "intervention",
            "integer",
            _("Intervention"),
            _("Number of an intervention; empty for the whole corridor."),
        ),
        _f("value", "number", _("Index"), _("0 to 1; empty while there is nothing to count.")),
        _f(
            "active_coalitions",
            "integer",
            _("Active coalitions"),
            _("How many coalitions were active."),
        ),
        _f(
            "corridor_coalitions",
            "integer",
            _("Corridor coalitions"),
            _("Of those, how many join both poles."),
        ),
        _f(
            "selected_use_cases",
            "integer",
            _("Selected use cases"),
            _("How many use cases were selected or later."),
        ),
        _f(
            "corridor_use_cases",
            "integer",
            _("Corridor use cases"),
            _("Of those, how many join both poles."),
        ),
    ],
    foreign_keys=[_fk("intervention", "interventions", "number")],
)
