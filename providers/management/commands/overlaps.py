import csv
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from providers.models import OverlapReview
from providers.overlaps import selectors
from sozialraum.models import Quarter, TargetGroup


class Command(BaseCommand):
    help = (
        "Überschneidungen (mehrere Anbieter für dieselbe Zielgruppe im selben Quartier) "
        "und Lücken (kein aktives Angebot) ausgeben."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quarter", metavar="SLUG", help="nur dieses Quartier (Kurzname)")
        parser.add_argument("--target-group", metavar="SLUG", help="nur diese Zielgruppe (Kurzname)")
        parser.add_argument(
            "--by-field", action="store_true", help="nur Überschneidungen im selben Handlungsfeld zählen"
        )
        parser.add_argument("--format", choices=["text", "json", "csv"], default="text", help="Ausgabeformat")

    def handle(self, *args, **options):
        quarter = self._lookup(Quarter, options["quarter"], _("Quartier"))
        target_group = self._lookup(TargetGroup, options["target_group"], _("Zielgruppe"))
        by_field = options["by_field"]
        overlaps = selectors.overlaps(quarter=quarter, target_group=target_group, by_field=by_field)
        gaps = selectors.gaps(quarter=quarter, target_group=target_group)
        render = {"text": self._text, "json": self._json, "csv": self._csv}[options["format"]]
        render(overlaps, gaps, by_field)

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
        status_label = {OverlapReview.Decision.OPEN: _("offen"), OverlapReview.Decision.DELIBERATE: _("gewollt")}
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
