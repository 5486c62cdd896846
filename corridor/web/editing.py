"""Edit forms that carry the version they were loaded from.

Every portal edit form has a hidden ``version`` (``corridor.versioning.version_of``).
``save_versioned`` locks the row, compares, and calls the service; when
someone else saved first it returns a ``Conflict`` instead, which the page
shows as the other person's current values next to the user's own input —
the form stays bound to what the user typed, so nothing is lost, and it now
carries the current version so saving again is a deliberate choice.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import models
from django.db import transaction
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views import View

from corridor.versioning import VersionConflict
from corridor.versioning import check_version
from corridor.versioning import version_of


class VersionedFormMixin(forms.Form):
    """Adds the hidden ``version`` field; pass ``instance`` (ModelForm) or
    ``version_source`` to set its initial value."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, version_source: models.Model | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        source = version_source or getattr(self, "instance", None)
        if source is not None and source.pk is not None:
            self.fields["version"].initial = version_of(source)


@dataclass
class ConflictRow:
    label: str
    theirs: str
    mine: str

    @property
    def differs(self) -> bool:
        return self.theirs != self.mine


@dataclass
class Conflict:
    current: models.Model
    rows: list[ConflictRow]


def _display(value, field: forms.Field) -> str:
    if value is None or value == "" or value == []:
        return "—"
    choices = getattr(field, "choices", None)
    if choices is not None and not isinstance(value, models.Model):
        labels = {str(k): str(v) for k, v in choices if not isinstance(v, list | tuple)}
        if isinstance(value, list | tuple | models.QuerySet):
            return ", ".join(labels.get(str(getattr(v, "pk", v)), str(v)) for v in value) or "—"
        return labels.get(str(getattr(value, "pk", value)), str(value))
    if hasattr(value, "isoformat"):
        from django.utils import formats

        return formats.date_format(value)
    return str(value)


def conflict_rows(form: forms.Form, current: models.Model) -> list[ConflictRow]:
    """For each visible field: the stored value now, and what the user entered."""
    rows = []
    for name, field in form.fields.items():
        if name == "version" or isinstance(field.widget, forms.HiddenInput):
            continue
        theirs = getattr(current, name, None)
        if hasattr(theirs, "all"):
            theirs = list(theirs.all())
        mine = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
        rows.append(
            ConflictRow(
                label=str(field.label), theirs=_display(theirs, field), mine=_display(mine, field)
            )
        )
    return rows


def rebind_with_version(form_class, data, version: str, **kwargs) -> forms.Form:
    """The same input, now carrying ``version`` — what the conflict view shows."""
    data = data.copy()
    data["version"] = version
    form = form_class(data, **kwargs)
    form.is_valid()
    return form


def save_versioned(
    *, obj: models.Model, form: forms.Form, save: Callable[[models.Model], models.Model]
) -> models.Model | Conflict | None:
    """Lock ``obj``, check the form's version, and ``save(current)``.

    Returns the saved object, a ``Conflict`` when someone saved first, or
    ``None`` when the service refused the values (the errors are on ``form``).
    """
    try:
        with transaction.atomic():
            current = check_version(obj, form.cleaned_data.get("version"))
            return save(current)
    except VersionConflict as conflict:
        return Conflict(current=conflict.current, rows=conflict_rows(form, conflict.current))
    except PermissionDenied:
        raise
    except ValidationError as error:
        add_service_errors(form, error)
        return None


def submit_versioned(
    *,
    form_class: type[forms.Form],
    data,
    obj: models.Model,
    save: Callable[[models.Model, forms.Form], models.Model],
    model_form: bool = True,
    **form_kwargs,
) -> tuple[forms.Form, Conflict | None, models.Model | None]:
    """Bind ``data`` to an edit form of ``obj`` and save it through ``save(current, form)``.

    Returns ``(form, conflict, saved)``. On a conflict the form is rebound to the
    user's input carrying the current version (for a ``ModelForm``, over a fresh
    copy of the row, so the stored values shown beside it stay untouched).
    """
    if model_form:
        form_kwargs["instance"] = obj
    form = form_class(data, **form_kwargs)
    if not form.is_valid():
        return form, None, None
    result = save_versioned(obj=obj, form=form, save=lambda current: save(current, form))
    if isinstance(result, Conflict):
        if model_form:
            form_kwargs["instance"] = type(obj)._default_manager.get(pk=obj.pk)
        form = rebind_with_version(form_class, data, version_of(result.current), **form_kwargs)
        return form, result, None
    return form, None, result


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


CONFLICT_MESSAGE = _(
    "Someone else saved this while you were editing. Their version is shown next to yours; "
    "your input is kept in the form. Save again to replace their version with yours."
)


class VersionedEditView(View):
    """The edit page of one versioned row, configured by each app in a few lines.

    GET shows the form with the row's version; POST saves it through the
    app's service (``submit_versioned``) and redirects with
    ``success_message``. When someone else saved first the page answers 409:
    the ``CONFLICT_MESSAGE``, their stored values next to the user's input, and
    the form kept bound to that input.

    A subclass names ``form_class``, ``template_name``, ``success_message`` and
    ``nav_section``, and writes ``get_object`` (the lookup with its visibility
    and permission checks; role checks decorate the view), ``save`` (the
    service call) and ``get_context_data`` (what its template reads of the row:
    the stored row after a conflict, since validation changed the loaded one).
    """

    form_class: type[forms.Form]
    template_name: str
    success_message: str
    nav_section: str
    # A plain form (not a ``ModelForm``) gets its initial values from ``get_initial``.
    model_form = True

    def get_object(self) -> models.Model:
        raise NotImplementedError

    def save(self, current: models.Model, form: forms.Form) -> models.Model:
        """Call the service on ``current``, the locked row; return the saved row."""
        raise NotImplementedError

    def get_context_data(self, obj: models.Model) -> dict:
        return {}

    def get_form_kwargs(self) -> dict:
        return {}

    def get_initial(self, obj: models.Model) -> dict:
        return {}

    def get_success_url(self, saved: models.Model):
        """Where a saved edit goes: the saved row's page unless told otherwise."""
        return saved

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        if self.model_form:
            form = self.form_class(instance=obj, **self.get_form_kwargs())
        else:
            form = self.form_class(
                initial=self.get_initial(obj), version_source=obj, **self.get_form_kwargs()
            )
        return self.render_page(obj, form, conflict=None)

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        form, conflict, saved = submit_versioned(
            form_class=self.form_class,
            data=request.POST,
            obj=obj,
            save=self.save,
            model_form=self.model_form,
            **self.get_form_kwargs(),
        )
        if saved:
            messages.success(request, self.success_message)
            return redirect(self.get_success_url(saved))
        return self.render_page(obj, form, conflict=conflict)

    def render_page(self, obj, form, *, conflict: Conflict | None):
        if conflict:
            messages.warning(self.request, CONFLICT_MESSAGE)
        context = {
            "form": form,
            "conflict": conflict,
            "nav_section": self.nav_section,
            **self.get_context_data(conflict.current if conflict else obj),
        }
        return render(self.request, self.template_name, context, status=409 if conflict else 200)
