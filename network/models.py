"""Cooperations that staff record between two actors (Netzwerkanalyse).

An actor is a provider of the catalogue or a named institution that is not one (as in
the workshop participants and the lead of a measure). The network's other edges come from
the data kept already: workshops and measures (see ``network.selectors``).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from providers.models import Provider
from sozialraum.common.text import fold


def _side_filled(side):
    return Q(**{f"{side}_provider__isnull": False}) | ~Q(**{f"{side}_institution": ""})


class Cooperation(models.Model):
    class Kind(models.TextChoices):
        CONTRACT = "contract", _("Kooperationsvertrag")
        WORKING_GROUP = "working_group", _("Arbeitskreis")
        JOINT_OFFER = "joint_offer", _("gemeinsames Angebot")
        OTHER = "other", _("sonstige Zusammenarbeit")

    first_provider = models.ForeignKey(
        Provider,
        verbose_name=_("erster Akteur (Anbieter)"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    first_institution = models.CharField(
        _("erster Akteur (Institution)"), max_length=300, blank=True, help_text=_("wenn nicht als Anbieter erfasst")
    )
    second_provider = models.ForeignKey(
        Provider,
        verbose_name=_("zweiter Akteur (Anbieter)"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    second_institution = models.CharField(
        _("zweiter Akteur (Institution)"), max_length=300, blank=True, help_text=_("wenn nicht als Anbieter erfasst")
    )
    kind = models.CharField(_("Art der Zusammenarbeit"), max_length=20, choices=Kind.choices)
    since = models.DateField(_("seit"), null=True, blank=True)
    note = models.TextField(_("Notiz"), blank=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Kooperation")
        verbose_name_plural = _("Kooperationen")
        ordering = ["-since", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=_side_filled("first"),
                name="cooperation_first_actor_given",
                violation_error_message=_("Bitte für den ersten Akteur einen Anbieter wählen oder eine Institution eintragen."),
            ),
            models.CheckConstraint(
                condition=_side_filled("second"),
                name="cooperation_second_actor_given",
                violation_error_message=_("Bitte für den zweiten Akteur einen Anbieter wählen oder eine Institution eintragen."),
            ),
            models.CheckConstraint(
                condition=Q(first_provider__isnull=True)
                | Q(second_provider__isnull=True)
                | ~Q(first_provider=models.F("second_provider")),
                name="cooperation_two_different_providers",
                violation_error_message=_("Eine Kooperation verbindet zwei verschiedene Akteure."),
            ),
        ]

    def __str__(self):
        return f"{self.first_name} – {self.second_name} ({self.get_kind_display()})"

    def get_absolute_url(self):
        return reverse("admin:network_cooperation_change", args=[self.pk])

    @property
    def first_name(self):
        return self.first_provider.name if self.first_provider_id else self.first_institution

    @property
    def second_name(self):
        return self.second_provider.name if self.second_provider_id else self.second_institution

    def clean(self):
        super().clean()
        for side in ("first", "second"):
            if getattr(self, f"{side}_provider_id") and getattr(self, f"{side}_institution").strip():
                raise ValidationError(
                    {f"{side}_institution": _("Bitte entweder einen Anbieter wählen oder eine Institution eintragen.")}
                )
        same_provider = self.first_provider_id and self.first_provider_id == self.second_provider_id
        same_institution = (
            not self.first_provider_id
            and not self.second_provider_id
            and fold(self.first_institution.strip()) == fold(self.second_institution.strip())
        )
        if same_provider or same_institution:
            raise ValidationError(_("Eine Kooperation verbindet zwei verschiedene Akteure."))
