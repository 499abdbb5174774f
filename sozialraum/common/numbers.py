"""Figures in tables: one number of decimal places per column or indicator."""

from decimal import Decimal


def decimals_for(values):
    """The decimal places a column of figures needs (0–2), so that a table reads evenly:
    22 and 21.4 become „22,0“ and „21,4“, never „22“ next to „21,4“."""
    places = 0
    for value in values:
        if value is None:
            continue
        exponent = Decimal(value).normalize().as_tuple().exponent
        places = max(places, min(2, -exponent) if isinstance(exponent, int) and exponent < 0 else 0)
    return places
