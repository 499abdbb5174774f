from sozialraum.common.geo import point, quarter_for_point, quarters_containing
from sozialraum.models import Quarter
from sozialraum.portal.demo_data import QUARTERS


def _quarters():
    return [Quarter(slug=slug, name=name, boundary=boundary) for slug, name, _area, boundary, _d in QUARTERS]


def test_point_lies_in_the_quarter_whose_boundary_holds_it():
    found = quarter_for_point(point(7.6965, 51.3700), _quarters())
    assert found.slug == "suedliche-innenstadt-obere-muehle"


def test_point_outside_every_boundary_has_no_quarter():
    assert quarter_for_point(point(8.5, 52.0), _quarters()) is None
    assert quarters_containing(None, _quarters()) == []


def test_quarter_without_boundary_never_contains_a_point():
    assert quarters_containing(point(7.6965, 51.37), [Quarter(slug="x", name="X", boundary=None)]) == []
