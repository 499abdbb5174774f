"""Providers (Anbieter, Träger), their offers (Angebote) and the staff's review of overlaps."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from djgeojson.fields import PointField
from simple_history.models import HistoricalRecords

from sozialraum.models import FieldOfAction, Language, Quarter, TargetGroup


class ProviderQuerySet(models.QuerySet):
    def with_active_offers(self):
        return self.filter(offers__active=True).distinct()

    def needing_review(self):
        return self.filter(needs_review=True)


class Provider(models.Model):
    class Kind(models.TextChoices):
        WELFARE = "welfare", _("Wohlfahrtsverband")
        ASSOCIATION = "association", _("Verein")
        CHURCH = "church", _("Kirche, Religionsgemeinschaft")
        MUNICIPAL = "municipal", _("Städtische Einrichtung")
        SELF_HELP = "self_help", _("Selbsthilfegruppe")
        EDUCATION = "education", _("Schule, Hochschule, Bildungsträger")
        COMPANY = "company", _("Unternehmen")
        INITIATIVE = "initiative", _("Initiative, Beirat")
        OTHER = "other", _("Sonstige")

    name = models.CharField(_("Name"), max_length=300)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=200, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.ASSOCIATION)
    description = models.TextField(_("Beschreibung"), blank=True)
    contact_person = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=60, blank=True)
    website = models.URLField(_("Website"), blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=120, blank=True)
    location = PointField(_("Standort"), null=True, blank=True)
    accessibility = models.TextField(
        _("Barrierefreiheit"), blank=True, help_text=_("z. B. stufenloser Zugang, Aufzug, Induktionsschleife")
    )
    languages = models.ManyToManyField(Language, verbose_name=_("Sprachen"), blank=True, related_name="providers")
    last_verified = models.DateField(_("zuletzt geprüft am"), null=True, blank=True)
    needs_review = models.BooleanField(
        _("vom Anbieter geändert, Prüfung offen"),
        default=False,
        help_text=_("Der Anbieter hat seinen Eintrag selbst geändert; die Redaktion bestätigt die Änderung."),
    )
    version = models.PositiveIntegerField(_("Version"), default=1, editable=False)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[languages])

    objects = ProviderQuerySet.as_manager()

    class Meta:
        verbose_name = _("Anbieter")
        verbose_name_plural = _("Anbieter")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("providers:provider-detail", kwargs={"slug": self.slug})

    @property
    def address(self):
        town = " ".join(part for part in (self.postcode, self.city) if part)
        return ", ".join(part for part in (self.street, town) if part)


class ProviderAccount(models.Model):
    """A login that may edit one provider's entry and offers (self-service)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Benutzerkonto"),
        on_delete=models.CASCADE,
        related_name="provider_account",
    )
    provider = models.ForeignKey(
        Provider, verbose_name=_("Anbieter"), on_delete=models.CASCADE, related_name="accounts"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Anbieterkonto")
        verbose_name_plural = _("Anbieterkonten")

    def __str__(self):
        return f"{self.user} → {self.provider}"


class OfferQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Offer(models.Model):
    provider = models.ForeignKey(
        Provider, verbose_name=_("Anbieter"), on_delete=models.CASCADE, related_name="offers"
    )
    title = models.CharField(_("Titel"), max_length=300)
    slug = models.SlugField(_("Kurzname"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("Zielgruppen"), related_name="offers", blank=True
    )
    quarters = models.ManyToManyField(Quarter, verbose_name=_("Quartiere"), related_name="offers", blank=True)
    field_of_action = models.ForeignKey(
        FieldOfAction,
        verbose_name=_("Handlungsfeld"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offers",
    )
    place = models.CharField(
        _("Ort des Angebots"), max_length=300, blank=True, help_text=_("leer: am Standort des Anbieters")
    )
    location = PointField(_("Standort des Angebots"), null=True, blank=True)
    opening_hours = models.TextField(_("Zeiten"), blank=True, help_text=_("z. B. „Mo–Fr 9–12 Uhr“"))
    cost = models.CharField(_("Kosten"), max_length=200, blank=True, help_text=_("z. B. „kostenlos“"))
    languages = models.ManyToManyField(Language, verbose_name=_("Sprachen"), blank=True, related_name="offers")
    active = models.BooleanField(_("aktiv"), default=True)
    version = models.PositiveIntegerField(_("Version"), default=1, editable=False)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[target_groups, quarters, languages])

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("Angebot")
        verbose_name_plural = _("Angebote")
        ordering = ["provider__name", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "slug"],
                name="offer_slug_unique_per_provider",
                violation_error_message=_("Dieser Anbieter hat schon ein Angebot mit diesem Kurznamen."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.provider.name})"

    def get_absolute_url(self):
        return f"{self.provider.get_absolute_url()}#angebot-{self.slug}"


class OverlapReview(models.Model):
    """Staff's judgement on one overlap cell (quarter × target group, optionally × field).

    Reviews are never changed; the newest one of a cell counts. It holds only while the
    set of providers in the cell is the one it was made for (``provider_ids``).
    """

    class Decision(models.TextChoices):
        DELIBERATE = "deliberate", _("gewollt (ergänzende Angebote)")
        OPEN = "open", _("wieder offen")

    quarter = models.ForeignKey(
        Quarter, verbose_name=_("Quartier"), on_delete=models.CASCADE, related_name="overlap_reviews"
    )
    target_group = models.ForeignKey(
        TargetGroup, verbose_name=_("Zielgruppe"), on_delete=models.CASCADE, related_name="overlap_reviews"
    )
    field_of_action = models.ForeignKey(
        FieldOfAction,
        verbose_name=_("Handlungsfeld"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="overlap_reviews",
    )
    provider_ids = models.CharField(
        _("Anbieter der Zelle"), max_length=2000, help_text=_("sortierte IDs, durch Komma getrennt")
    )
    decision = models.CharField(_("Entscheidung"), max_length=20, choices=Decision.choices)
    reason = models.TextField(_("Begründung"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entschieden von"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("entschieden am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Überschneidungsprüfung")
        verbose_name_plural = _("Überschneidungsprüfungen")
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="overlapreview_reason_required",
                violation_error_message=_("Bitte eine Begründung angeben."),
            ),
        ]

    def __str__(self):
        return f"{self.quarter} × {self.target_group}: {self.get_decision_display()}"
