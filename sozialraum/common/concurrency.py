"""Optimistic locking ("no lost edits") for models with a ``version`` field.

A change form carries the version the editor started from as a hidden field. Saving is a
compare-and-swap: ``UPDATE … SET version = version + 1 WHERE pk = … AND version = …``
claims the row; if someone else saved in between, no row matches, nothing is written and
:class:`ConflictError` explains it in German. The admin shows that as a form error and
keeps everything the second editor typed.

Use :class:`VersionedAdminMixin` on a ``ModelAdmin`` and :class:`VersionedInlineMixin` on
an inline whose model has a ``version`` field.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

VERSION_FIELD = "edit_version"

CONFLICT_MESSAGE = _(
    "„%(object)s“ wurde inzwischen von %(user)s geändert (%(when)s). Ihre Änderungen wurden "
    "nicht gespeichert, damit nichts überschrieben wird; Ihre Eingaben stehen noch im Formular. "
    "Bitte öffnen Sie den Datensatz in einem neuen Tab, übernehmen Sie Ihre Änderungen dort und "
    "speichern Sie erneut."
)


class ConflictError(Exception):
    """Someone else saved the record since the editor loaded it."""

    def __init__(self, instance):
        self.instance = instance
        super().__init__(conflict_message(instance))

    @property
    def message(self):
        return self.args[0]


def conflict_message(instance):
    """The German explanation, naming who changed the record last and when (from its history)."""
    model = type(instance)
    user, when = gettext("jemand anderem"), ""
    history = getattr(model, "history", None)
    if history is not None and instance.pk is not None:
        last = history.filter(**{model._meta.pk.attname: instance.pk}).select_related("history_user").order_by("-history_date").first()
        if last is not None:
            if last.history_user is not None:
                user = last.history_user.get_full_name() or last.history_user.get_username()
            when = timezone.localtime(last.history_date).strftime("%d.%m.%Y %H:%M")
    return CONFLICT_MESSAGE % {"object": instance, "user": user, "when": when or gettext("gerade eben")}


def current_version(model, pk):
    return model._default_manager.filter(pk=pk).values_list("version", flat=True).first()


def versioned_save(*, instance, expected_version, user=None, reason=None):
    """Saves ``instance`` if the stored row still has ``expected_version`` (compare-and-swap).

    Runs in one transaction: the UPDATE claims the row (and locks it on PostgreSQL until
    the save commits), then the ordinary ``save()`` writes the fields and the history entry.
    Raises :class:`ConflictError` and writes nothing if the version moved on.
    """
    model = type(instance)
    with transaction.atomic():
        claimed = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
            version=F("version") + 1
        )
        if claimed != 1:
            raise ConflictError(instance)
        instance.version = expected_version + 1
        if user is not None:
            instance._history_user = user
        if reason:
            instance._change_reason = reason
        instance.save()
    return instance


def _initial_version(instance):
    if instance is None or instance.pk is None:
        return None
    if hasattr(instance, "_history"):
        # A historical version shown for restoring: the restore competes with the current row.
        return current_version(type(instance), instance.pk)
    return instance.version


class VersionedFormMixin:
    """Adds the hidden ``edit_version`` field and refuses a stale version in ``clean()``."""

    conflict = None  # set by the admin when the final compare-and-swap failed
    is_inline = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        version = _initial_version(self.instance)
        self.fields[VERSION_FIELD].initial = version
        self.initial.setdefault(VERSION_FIELD, version)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:
            return cleaned_data
        if self.is_inline and not self.has_changed():
            return cleaned_data  # an unchanged inline row is not saved, so it cannot conflict
        if self.conflict is not None:
            raise ValidationError(self.conflict.message, code="conflict")
        expected = cleaned_data.get(VERSION_FIELD)
        if expected is None:
            raise ValidationError(
                _("Die Bearbeitungsversion fehlt. Bitte laden Sie die Seite neu."), code="version_missing"
            )
        if current_version(type(self.instance), self.instance.pk) != expected:
            raise ValidationError(conflict_message(self.instance), code="conflict")
        return cleaned_data


def _versioned_form_class(form_class, conflict=None, is_inline=False):
    attrs = {
        "conflict": conflict,
        "is_inline": is_inline,
        VERSION_FIELD: forms.IntegerField(widget=forms.HiddenInput, required=False),
    }
    return type(f"Versioned{form_class.__name__}", (VersionedFormMixin, form_class), attrs)


def _add_version_field(fieldsets):
    fieldsets = [(name, dict(options)) for name, options in fieldsets]
    if fieldsets:
        first = fieldsets[0][1]
        first["fields"] = [*first["fields"], VERSION_FIELD]
    return fieldsets


class VersionedInlineMixin:
    """For inlines of versioned models: each existing row carries and checks its version."""

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = _versioned_form_class(kwargs.get("form", self.form), is_inline=True)
        return super().get_formset(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        return _add_version_field(super().get_fieldsets(request, obj))


class VersionedAdminMixin:
    """Optimistic locking for a ``ModelAdmin`` (and its :class:`VersionedInlineMixin` inlines).

    The form check catches the usual case; the compare-and-swap in ``save_model`` and
    ``save_formset`` catches a save that slipped in between. Then the whole admin
    transaction is rolled back and the form is shown again with the conflict message and
    the submitted input.
    """

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = _versioned_form_class(
            kwargs.get("form", self.form), conflict=getattr(request, "_version_conflict", None)
        )
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        return _add_version_field(super().get_fieldsets(request, obj))

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        versioned_save(instance=obj, expected_version=form.cleaned_data[VERSION_FIELD], user=request.user)

    def save_formset(self, request, form, formset, change):
        if not issubclass(formset.form, VersionedFormMixin):
            return super().save_formset(request, form, formset, change)
        instances = formset.save(commit=False)
        for deleted in formset.deleted_objects:
            deleted.delete()
        initial_forms = {id(f.instance): f for f in formset.initial_forms}
        for instance in instances:
            inline_form = initial_forms.get(id(instance))
            if inline_form is not None:
                versioned_save(
                    instance=instance,
                    expected_version=inline_form.cleaned_data[VERSION_FIELD],
                    user=request.user,
                )
            else:
                instance._history_user = request.user
                instance.save()
        formset.save_m2m()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ConflictError as error:
            # The admin's transaction has been rolled back: nothing was written. Show the
            # form again with the submitted input and the conflict as its error.
            request._version_conflict = error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Restoring an old version is a save like any other: same check, same refusal."""
        try:
            with transaction.atomic():
                return super().history_form_view(request, object_id, version_id, extra_context)
        except ConflictError as error:
            request._version_conflict = error
            return super().history_form_view(request, object_id, version_id, extra_context)
