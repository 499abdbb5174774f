"""Chapter 9 of the concept report, "Netzwerk der Akteure": the data, read in a fixed
number of queries (see ``network.selectors.network_facts``), from published workshops and
measures only (the report is public), plus the recorded cooperations."""

from dataclasses import dataclass

from django.utils.safestring import mark_safe

from network import drawing, selectors
from network.graph import SOURCE_LABELS, SOURCES, Network


@dataclass
class NetworkChapter:
    network: Network

    @property
    def actors(self):
        return self.network.actors

    @property
    def edges(self):
        return self.network.edges

    @property
    def linked(self):
        return self.network.connected

    @property
    def isolated(self):
        return self.network.isolated

    @property
    def bridges(self):
        return self.network.bridges

    @property
    def brokers(self):
        """The actors most often on the shortest ways between others."""
        return self.network.top_by_betweenness(5)

    @property
    def density(self):
        return self.network.density

    @property
    def component_count(self):
        return self.network.component_count

    @property
    def source_counts(self):
        """[(label, number of links that have this source)]."""
        return [
            (SOURCE_LABELS[source], sum(1 for edge in self.network.edges if edge.counts.get(source)))
            for source in SOURCES
        ]

    @property
    def alt_text(self):
        return drawing.alt_text(self.network)

    def picture(self):
        """The network as inline SVG (escaped; drawn when the report is rendered)."""
        return mark_safe(drawing.network_svg(self.network))  # noqa: S308 (escaped SVG)


def network_chapter():
    """10 queries."""
    return NetworkChapter(network=selectors.network(published_only=True))
