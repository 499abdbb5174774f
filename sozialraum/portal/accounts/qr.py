"""A QR code as inline SVG, drawn here (no remote service, no image file)."""

import qrcode
from django.utils.safestring import mark_safe

# The tree library qrcode builds its SVG with: lxml where it is installed (pikepdf brings
# it), else ElementTree. Mixing the two fails, so the title element comes from the same one.
from qrcode.compat.etree import ET
from qrcode.image.svg import SvgPathImage


def qr_code_svg(text, *, title):
    """``text`` as an SVG ``<svg role="img">`` element with ``title`` as its accessible name."""
    element = qrcode.make(text, image_factory=SvgPathImage, box_size=15, border=4).get_image()
    element.set("role", "img")
    element.set("aria-labelledby", "qr-code-title")
    element.set("class", "qr-code")
    caption = ET.Element("title", {"id": "qr-code-title"})
    caption.text = str(title)
    element.insert(0, caption)
    # Safe: built by ElementTree or lxml, which escape the title; the path holds no text.
    return mark_safe(ET.tostring(element, encoding="unicode"))  # noqa: S308
