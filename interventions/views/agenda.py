"""An intervention's joint agenda: its edit page, its versions, a diff of two, a restore."""

import difflib

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from corridor.web.access import board_required
from corridor.web.editing import VersionedEditView

from .. import services
from ..forms import AgendaForm
from ..forms import AsksForm
from ..forms import DiffForm
from ..models import Intervention


@method_decorator(board_required, name="dispatch")
class AgendaEdit(VersionedEditView):
    form_class = AgendaForm
    model_form = False
    template_name = "interventions/agenda_form.html"
    success_message = gettext_lazy("The agenda is saved as a new version.")
    nav_section = "interventions"

    def get_object(self):
        return get_object_or_404(Intervention, slug=self.kwargs["slug"])

    def get_initial(self, intervention):
        return {"agenda": intervention.agenda, "agenda_en": intervention.agenda_en}

    def save(self, current, form):
        return services.update_agenda(
            intervention=current,
            text=form.cleaned_data["agenda"],
            text_en=form.cleaned_data["agenda_en"],
            actor=self.request.user,
            reason=form.cleaned_data["reason"],
        )

    def get_context_data(self, intervention):
        return {"intervention": intervention}


@method_decorator(board_required, name="dispatch")
class AsksEdit(VersionedEditView):
    """What the intervention asks of the Rijk and the EU; every save is a version."""

    form_class = AsksForm
    model_form = False
    template_name = "interventions/asks_form.html"
    success_message = gettext_lazy("The asks are saved as a new version.")
    nav_section = "interventions"

    def get_object(self):
        return get_object_or_404(Intervention, slug=self.kwargs["slug"])

    def get_initial(self, intervention):
        return {"asks": intervention.asks}

    def save(self, current, form):
        return services.update_asks(
            intervention=current,
            text=form.cleaned_data["asks"],
            actor=self.request.user,
            reason=form.cleaned_data["reason"],
        )

    def get_context_data(self, intervention):
        return {"intervention": intervention}


@board_required
def agenda_history(request, slug):
    intervention = get_object_or_404(Intervention, slug=slug)
    versions = intervention.history.select_related("history_user").order_by(
        "-history_date", "-history_id"
    )
    page = Paginator(versions, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "interventions/agenda_history.html",
        {"intervention": intervention, "page": page, "nav_section": "interventions"},
    )


def diff_lines(old: str, new: str) -> list[tuple[str, str]]:
    """``(op, line)`` pairs from ``old`` to ``new``: op is ``same``, ``added`` or ``removed``."""
    old_lines = (old or "").splitlines()
    new_lines = (new or "").splitlines()
    result = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            result += [("same", line) for line in old_lines[i1:i2]]
            continue
        result += [("removed", line) for line in old_lines[i1:i2]]
        result += [("added", line) for line in new_lines[j1:j2]]
    return result


@board_required
def agenda_diff(request, slug):
    intervention = get_object_or_404(Intervention, slug=slug)
    form = DiffForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Choose two versions to compare."))
        return redirect("interventions:agenda-history", slug=slug)
    history = intervention.history.select_related("history_user")
    try:
        old = history.get(history_id=form.cleaned_data["old"])
        new = history.get(history_id=form.cleaned_data["new"])
    except intervention.history.model.DoesNotExist as exc:
        raise Http404 from exc
    if old.history_date > new.history_date:
        old, new = new, old
    return render(
        request,
        "interventions/agenda_diff.html",
        {
            "intervention": intervention,
            "old": old,
            "new": new,
            "lines": diff_lines(old.agenda, new.agenda),
            "nav_section": "interventions",
        },
    )


@board_required
@require_POST
def agenda_restore(request, slug, history_id):
    intervention = get_object_or_404(Intervention, slug=slug)
    version = intervention.history.filter(history_id=history_id).first()
    if version is None:
        raise Http404
    if request.POST.get("confirmed") != "1":
        # One click does not replace the agenda: a confirm step (a dialog with JavaScript).
        when = date_format(localtime(version.history_date), "DATETIME_FORMAT")
        return render(
            request,
            "portal/confirm.html",
            {
                "question": _("Restore the version of %(when)s?") % {"when": when},
                "explanation": _(
                    "Its text becomes the newest version of the agenda. The current text "
                    "stays in the version history."
                ),
                "action": request.path,
                "fields": [],
                "confirm_label": _("Restore this version"),
                "cancel_url": reverse("interventions:agenda-history", args=[slug]),
                "nav_section": "interventions",
            },
        )
    services.restore_agenda(intervention=intervention, history_id=history_id, actor=request.user)
    messages.success(request, _("The earlier version is restored as the newest version."))
    return redirect("interventions:agenda-history", slug=slug)
