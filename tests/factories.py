"""factory_boy factories for every model the tests build."""

import datetime as dt
import uuid
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from factory.django import DjangoModelFactory

from measures.models import FundingLine, FundingProgramme, Goal, Measure
from providers.models import Offer, OpeningSlot, Provider, ServiceType
from sozialraum.models import (
    FieldOfAction,
    Indicator,
    IndicatorValue,
    Language,
    Programme,
    Quarter,
    SwotItem,
    TargetGroup,
)
from workshops.models import Participant, Registration, Workshop, WorkshopResult, WorkshopSeries


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("ein-sicheres-Passwort-2026")


class StaffUserFactory(UserFactory):
    is_staff = True


class QuarterFactory(DjangoModelFactory):
    class Meta:
        model = Quarter

    name = factory.Sequence(lambda n: f"Quartier {n}")
    slug = factory.Sequence(lambda n: f"quartier-{n}")
    city = "Iserlohn"
    boundary = None


class TargetGroupFactory(DjangoModelFactory):
    class Meta:
        model = TargetGroup

    name = factory.Sequence(lambda n: f"Zielgruppe {n}")
    slug = factory.Sequence(lambda n: f"zielgruppe-{n}")


class FieldOfActionFactory(DjangoModelFactory):
    class Meta:
        model = FieldOfAction

    name = factory.Sequence(lambda n: f"Handlungsfeld {n}")
    slug = factory.Sequence(lambda n: f"handlungsfeld-{n}")


class LanguageFactory(DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ["code"]

    code = "de"
    name = "Deutsch"


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    name = factory.Sequence(lambda n: f"Indikator {n}")
    slug = factory.Sequence(lambda n: f"indikator-{n}")
    unit = "%"


class IndicatorValueFactory(DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    quarter = factory.SubFactory(QuarterFactory)
    year = 2025
    value = Decimal("12.50")
    source = "Statistikstelle"


class SwotItemFactory(DjangoModelFactory):
    class Meta:
        model = SwotItem

    quarter = factory.SubFactory(QuarterFactory)
    kind = SwotItem.Kind.WEAKNESS
    text = factory.Sequence(lambda n: f"Aussage {n}")


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    name = "Soziale Stadt Südliche Innenstadt/Obere Mühle"
    city = "Iserlohn"
    area_name = "Südliche Innenstadt/Obere Mühle"
    summary = "Ein Programm der Sozialen Stadt."


class ProviderFactory(DjangoModelFactory):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Anbieter {n}")
    slug = factory.Sequence(lambda n: f"anbieter-{n}")
    kind = Provider.Kind.ASSOCIATION
    city = "Iserlohn"


class ServiceTypeFactory(DjangoModelFactory):
    """A service type of its own (the migrated taxonomy is there too: look types up by slug)."""

    class Meta:
        model = ServiceType
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Leistungsart {n}")
    slug = factory.Sequence(lambda n: f"leistungsart-{n}")


class OfferFactory(DjangoModelFactory):
    """An active offer; pass ``target_groups=[…]`` and ``quarters=[…]`` to place it."""

    class Meta:
        model = Offer
        skip_postgeneration_save = True

    provider = factory.SubFactory(ProviderFactory)
    title = factory.Sequence(lambda n: f"Angebot {n}")
    slug = factory.Sequence(lambda n: f"angebot-{n}")
    active = True

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_groups.set(extracted)

    @factory.post_generation
    def quarters(self, create, extracted, **kwargs):
        if create and extracted:
            self.quarters.set(extracted)

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set(extracted)


class OpeningSlotFactory(DjangoModelFactory):
    """Monday 9–12 every week, of a new offer unless ``offer`` or ``provider`` is given."""

    class Meta:
        model = OpeningSlot

    offer = factory.SubFactory(OfferFactory)
    weekday = 0
    opens = dt.time(9)
    closes = dt.time(12)


class FundingProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = FundingProgramme

    name = factory.Sequence(lambda n: f"Förderprogramm {n}")
    slug = factory.Sequence(lambda n: f"foerderprogramm-{n}")
    kind = FundingProgramme.Kind.FEDERAL_STATE


class GoalFactory(DjangoModelFactory):
    class Meta:
        model = Goal

    title = factory.Sequence(lambda n: f"Ziel {n}")
    slug = factory.Sequence(lambda n: f"ziel-{n}")


class MeasureFactory(DjangoModelFactory):
    class Meta:
        model = Measure
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"{n + 1}.0")
    slug = factory.Sequence(lambda n: f"massnahme-{n + 1}")
    title = factory.Sequence(lambda n: f"Maßnahme {n + 1}")
    status = Measure.Status.ONGOING
    progress = 40
    start_date = dt.date(2025, 1, 1)
    end_date = dt.date(2027, 12, 31)

    @factory.post_generation
    def goals(self, create, extracted, **kwargs):
        if create and extracted:
            self.goals.set(extracted)

    @factory.post_generation
    def quarters(self, create, extracted, **kwargs):
        if create and extracted:
            self.quarters.set(extracted)


class FundingLineFactory(DjangoModelFactory):
    class Meta:
        model = FundingLine

    measure = factory.SubFactory(MeasureFactory)
    programme = factory.SubFactory(FundingProgrammeFactory)
    amount = Decimal("10000.00")


class WorkshopSeriesFactory(DjangoModelFactory):
    class Meta:
        model = WorkshopSeries

    title = factory.Sequence(lambda n: f"Werkstattreihe {n}")
    slug = factory.Sequence(lambda n: f"werkstattreihe-{n}")


class WorkshopFactory(DjangoModelFactory):
    """A published workshop two weeks from now, 18:00–20:30 local time."""

    class Meta:
        model = Workshop

    title = factory.Sequence(lambda n: f"Quartierswerkstatt {n}")
    slug = factory.Sequence(lambda n: f"quartierswerkstatt-{n}")
    starts_at = factory.LazyFunction(
        lambda: timezone.localtime().replace(hour=18, minute=0, second=0, microsecond=0) + dt.timedelta(days=14)
    )
    ends_at = factory.LazyAttribute(lambda w: w.starts_at + dt.timedelta(hours=2, minutes=30))
    venue = "Bürgerzentrum"
    address = "Musterstraße 1, 58636 Iserlohn"


class RegistrationFactory(DjangoModelFactory):
    """A confirmed registration of one person (made directly, not through the form)."""

    class Meta:
        model = Registration

    workshop = factory.SubFactory(WorkshopFactory, registration_enabled=True)
    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    submission_key = factory.LazyFunction(uuid.uuid4)


class ParticipantFactory(DjangoModelFactory):
    class Meta:
        model = Participant

    workshop = factory.SubFactory(WorkshopFactory)
    institution = factory.Sequence(lambda n: f"Institution {n}")


class WorkshopResultFactory(DjangoModelFactory):
    class Meta:
        model = WorkshopResult

    workshop = factory.SubFactory(WorkshopFactory)
    title = factory.Sequence(lambda n: f"Aktivität {n}")
    traffic_light = "green"
