"""manage.py overlaps: parallel offers (the default check), all overlaps, gaps.

JSON (``--format json``) has these keys:

- ``parallel``: the parallel offers, each ``{"quarter", "target_group", "service_type",
  "providers", "offers", "offer_count", "status", "concurrent", "concurrent_times"}``;
  slugs throughout; an offer is named "provider-slug/offer-slug" (an offer's slug is only
  unique per provider); ``concurrent`` is true when offers of two providers are open at
  the same time on some weekday (``concurrent_times`` says when, in German);
- ``overlaps``: the broad view (any two providers), as before;
- ``gaps``: quarter × target group without any active offer;
- ``service_type_gaps``: service types missing in a quarter whose indicator shows demand
  of the target group, offered for the group elsewhere, ranked by demand.

``--rule alle`` prints the broad view only, exactly as before (``--by-field`` implies it).
"""

import csv
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from providers.models import OverlapReview
from providers.overlaps import selectors
from providers.overlaps.selectors import RULE_ALL, RULE_PARALLEL
from sozialraum.models import Quarter, TargetGroup


class Command(BaseCommand):
    help = (
        "Parallelangebote (dieselbe Leistungsart für dieselbe Zielgruppe im selben Quartier bei mehreren "
        "Anbietern), Lücken (kein aktives Angebot) und fehlende Leistungsarten ausgeben; mit --rule alle "
        "alle Überschneidungen (mehrere Anbieter für dieselbe Zielgruppe im selben Quartier)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quarter", metavar="SLUG", help="nur dieses Quartier (Kurzname)")
        parser.add_argument("--target-group", metavar="SLUG", help="nur diese Zielgruppe (Kurzname)")
        parser.add_argument(
            "--rule",
            choices=[RULE_PARALLEL, RULE_ALL],
            help="parallel: dieselbe Leistungsart (Standard); alle: alle Überschneidungen wie bisher",
        )
        parser.add_argument(
            "--by-field",
            action="store_true",
            help="alle Überschneidungen, nur im selben Handlungsfeld gezählt (setzt --rule alle)",
        )
        parser.add_argument("--format", choices=["text", "json", "csv"], default="text", help="Ausgabeformat")

    def handle(self, *args, **options):
        quarter = self._lookup(Quarter, options["quarter"], _("Quartier"))
        target_group = self._lookup(TargetGroup, options["target_group"], _("Zielgruppe"))
        by_field = options["by_field"]
        rule = options["rule"] or (RULE_ALL if by_field else RULE_PARALLEL)
        if by_field and rule == RULE_PARALLEL:
            raise CommandError(_("--by-field gilt nur für --rule alle."), returncode=2)
        filters = {"quarter": quarter, "target_group": target_group}
        overlaps = selectors.overlaps(**filters, by_field=by_field)
        gaps = selectors.gaps(**filters)
        if rule == RULE_ALL:
            render = {"text": self._text, "json": self._json, "csv": self._csv}[options["format"]]
            render(overlaps, gaps, by_field)
            return
        parallel = selectors.parallel_offers(**filters)
        service_type_gaps = selectors.service_type_gaps(**filters)
        render = {"text": self._parallel_text, "json": self._parallel_json, "csv": self._parallel_csv}
        render[options["format"]](parallel, overlaps, gaps, service_type_gaps)

    def _lookup(self, model, slug, label):
        if slug is None:
            return None
        try:
            return model.objects.get(slug=slug)
        except model.DoesNotExist:
            known = ", ".join(model.objects.order_by("slug").values_list("slug", flat=True)[:20])
            raise CommandError(
                _("%(label)s „%(slug)s“ gibt es nicht. Bekannte Kurznamen: %(known)s")
                % {"label": label, "slug": slug, "known": known or _("(keine)")},
                returncode=2,
            ) from None

    # --- parallel offers (the default) ---------------------------------------------------

    @staticmethod
    def _parallel_dict(parallel):
        return {
            "quarter": parallel.quarter.slug,
            "target_group": parallel.target_group.slug,
            "service_type": parallel.service_type.slug,
            "providers": [provider.slug for provider in parallel.providers],
            "offers": sorted(f"{offer.provider.slug}/{offer.slug}" for offer in parallel.offers),
            "offer_count": parallel.offer_count,
            "status": parallel.status,
            "concurrent": parallel.concurrent,
            "concurrent_times": parallel.concurrent_times,
        }

    @staticmethod
    def _service_type_gap_dict(gap):
        return {
            "quarter": gap.quarter.slug,
            "target_group": gap.target_group.slug,
            "service_type": gap.service_type.slug,
            "demand": str(gap.demand),
            "demand_indicator": gap.demand_indicator.slug,
            "demand_year": gap.demand_year,
            "offered_in": [quarter.slug for quarter in gap.offered_in],
        }

    def _parallel_json(self, parallel, overlaps, gaps, service_type_gaps):
        data = {
            "parallel": [self._parallel_dict(item) for item in parallel],
            "overlaps": [self._overlap_dict(overlap, False) for overlap in overlaps],
            "gaps": [{"quarter": gap.quarter.slug, "target_group": gap.target_group.slug} for gap in gaps],
            "service_type_gaps": [self._service_type_gap_dict(gap) for gap in service_type_gaps],
        }
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))

    def _parallel_csv(self, parallel, overlaps, gaps, service_type_gaps):
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(
            ["kind", "quarter", "target_group", "service_type", "providers", "offers", "status", "concurrent_times"]
        )
        for item in parallel:
            writer.writerow(
                [
                    "parallel",
                    item.quarter.slug,
                    item.target_group.slug,
                    item.service_type.slug,
                    " ".join(provider.slug for provider in item.providers),
                    item.offer_count,
                    item.status,
                    item.concurrent_times,
                ]
            )
        for gap in gaps:
            writer.writerow(["gap", gap.quarter.slug, gap.target_group.slug, "", "", 0, "", ""])
        for gap in service_type_gaps:
            writer.writerow(
                ["service_type_gap", gap.quarter.slug, gap.target_group.slug, gap.service_type.slug, "", 0, "", ""]
            )

    def _parallel_text(self, parallel, overlaps, gaps, service_type_gaps):
        status_label = self._status_labels()
        self.stdout.write(_("Parallelangebote (%(count)d)") % {"count": len(parallel)})
        self._table(
            [
                _("Quartier"),
                _("Zielgruppe"),
                _("Leistungsart"),
                _("Anbieter"),
                _("Angebote"),
                _("zeitgleich"),
                _("Status"),
            ],
            [
                [
                    item.quarter.name,
                    item.target_group.name,
                    item.service_type.name,
                    ", ".join(provider.name for provider in item.providers),
                    str(item.offer_count),
                    item.concurrent_times or "–",
                    status_label[item.status],
                ]
                for item in parallel
            ],
        )
        self.stdout.write("")
        self._gaps_text(gaps)
        self.stdout.write("")
        self.stdout.write(_("Fehlende Leistungsarten mit Bedarf (%(count)d)") % {"count": len(service_type_gaps)})
        self._table(
            [_("Quartier"), _("Zielgruppe"), _("Leistungsart"), _("Bedarf"), _("angeboten in")],
            [
                [
                    gap.quarter.name,
                    gap.target_group.name,
                    gap.service_type.name,
                    f"{gap.demand} ({gap.demand_indicator.name}, {gap.demand_year})",
                    ", ".join(quarter.name for quarter in gap.offered_in),
                ]
                for gap in service_type_gaps
            ],
        )
        open_count = sum(1 for item in parallel if not item.is_deliberate)
        self.stdout.write("")
        self.stdout.write(
            _(
                "%(parallel)d Parallelangebote (%(open)d offen, %(deliberate)d gewollt), %(gaps)d Lücken, "
                "%(missing)d fehlende Leistungsarten; alle Überschneidungen: %(overlaps)d (--rule alle)."
            )
            % {
                "parallel": len(parallel),
                "open": open_count,
                "deliberate": len(parallel) - open_count,
                "gaps": len(gaps),
                "missing": len(service_type_gaps),
                "overlaps": len(overlaps),
            }
        )

    # --- all overlaps (--rule alle), unchanged ---------------------------------------------

    @staticmethod
    def _overlap_dict(overlap, by_field):
        data = {"quarter": overlap.quarter.slug, "target_group": overlap.target_group.slug}
        if by_field:
            data["field_of_action"] = overlap.field_of_action.slug
        data.update(
            providers=[provider.slug for provider in overlap.providers],
            offers=overlap.offer_count,
            status=overlap.status,
        )
        return data

    def _json(self, overlaps, gaps, by_field):
        data = {
            "overlaps": [self._overlap_dict(overlap, by_field) for overlap in overlaps],
            "gaps": [{"quarter": gap.quarter.slug, "target_group": gap.target_group.slug} for gap in gaps],
        }
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))

    def _csv(self, overlaps, gaps, by_field):
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(["kind", "quarter", "target_group", "field_of_action", "providers", "offers", "status"])
        for overlap in overlaps:
            writer.writerow(
                [
                    "overlap",
                    overlap.quarter.slug,
                    overlap.target_group.slug,
                    overlap.field_of_action.slug if by_field else "",
                    " ".join(provider.slug for provider in overlap.providers),
                    overlap.offer_count,
                    overlap.status,
                ]
            )
        for gap in gaps:
            writer.writerow(["gap", gap.quarter.slug, gap.target_group.slug, "", "", 0, ""])

    def _text(self, overlaps, gaps, by_field):
        status_label = self._status_labels()
        header = [
            _("Quartier"),
            _("Zielgruppe"),
            *([_("Handlungsfeld")] if by_field else []),
            _("Anbieter"),
            _("Angebote"),
            _("Status"),
        ]
        rows = [
            [
                overlap.quarter.name,
                overlap.target_group.name,
                *([overlap.field_of_action.name] if by_field else []),
                ", ".join(provider.name for provider in overlap.providers),
                str(overlap.offer_count),
                status_label[overlap.status],
            ]
            for overlap in overlaps
        ]
        self.stdout.write(_("Überschneidungen (%(count)d)") % {"count": len(overlaps)})
        self._table(header, rows)
        self.stdout.write("")
        self._gaps_text(gaps)
        open_count = sum(1 for overlap in overlaps if not overlap.is_deliberate)
        self.stdout.write("")
        self.stdout.write(
            _("%(overlaps)d Überschneidungen (%(open)d offen, %(deliberate)d gewollt), %(gaps)d Lücken.")
            % {
                "overlaps": len(overlaps),
                "open": open_count,
                "deliberate": len(overlaps) - open_count,
                "gaps": len(gaps),
            }
        )

    # --- shared ----------------------------------------------------------------------------

    @staticmethod
    def _status_labels():
        return {OverlapReview.Decision.OPEN: _("offen"), OverlapReview.Decision.DELIBERATE: _("gewollt")}

    def _gaps_text(self, gaps):
        self.stdout.write(_("Lücken (%(count)d)") % {"count": len(gaps)})
        self._table(
            [_("Quartier"), _("Zielgruppe"), _("Bedarf")],
            [
                [
                    gap.quarter.name,
                    gap.target_group.name,
                    f"{gap.demand} ({gap.demand_indicator.name}, {gap.demand_year})" if gap.demand is not None else "",
                ]
                for gap in gaps
            ],
        )

    def _table(self, header, rows):
        if not rows:
            self.stdout.write("  " + _("(keine)"))
            return
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        line = "  ".join(f"{{:<{width}}}" for width in widths)
        self.stdout.write(line.format(*header).rstrip())
        self.stdout.write("  ".join("-" * width for width in widths))
        for row in rows:
            self.stdout.write(line.format(*row).rstrip())
