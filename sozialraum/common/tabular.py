"""Tables in and out: reading CSV/XLSX uploads, parsing German cells, writing CSV/XLSX.

Reading accepts what spreadsheets produce: XLSX, or CSV separated by ";" "," or tab, in
UTF-8 (with or without BOM) or Windows-1252; German dates (31.12.2025), decimal commas
(51,3745) and "ja"/"nein". Writing gives semicolon-separated UTF-8 with BOM (what German
Excel opens) or XLSX. Knows no model: the apps define their columns.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

MAX_TABLE_BYTES = 5 * 1024 * 1024

TRUE_WORDS = {"ja", "j", "x", "1", "wahr", "true", "yes", "aktiv"}
FALSE_WORDS = {"nein", "n", "0", "falsch", "false", "no", "inaktiv"}


class ImportFileError(Exception):
    """The file as a whole cannot be read as the expected table (German message)."""


# --- Reading files ------------------------------------------------------------------------


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, dict]]  # (row number in the spreadsheet, {header: value})
    ignored_headers: list[str] = field(default_factory=list)


def decode_text(data: bytes) -> str:
    """UTF-8 with or without BOM, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise ImportFileError(
                _("Die Datei ist keine Tabelle (CSV in UTF-8 oder Windows-1252, oder XLSX).")
            ) from error


def _raw_rows_from_csv(data: bytes):
    text = decode_text(data)
    first_line = text.lstrip().split("\n", 1)[0]
    delimiter = max([";", ",", "\t"], key=first_line.count)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportFileError(_("Die CSV-Datei ist fehlerhaft: %(error)s") % {"error": error}) from error
    return [[unguard_formula(cell) for cell in row] for row in rows]


def _raw_rows_from_xlsx(data: bytes):
    from openpyxl import load_workbook  # heavy; only when an XLSX file comes

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    except Exception as error:  # openpyxl raises many kinds for broken files
        raise ImportFileError(_("Die Datei ist keine lesbare Excel-Tabelle (XLSX).")) from error
    return rows


def read_table(data: bytes, *, headers, required_headers, max_bytes=MAX_TABLE_BYTES) -> Table:
    """Parses an uploaded CSV or XLSX file whose first filled row names the columns.

    ``headers`` are the known column names (matched ignoring case and a trailing "*");
    other columns are reported in ``ignored_headers``. Raises :class:`ImportFileError`
    with a German message.
    """
    if not data or not data.strip():
        raise ImportFileError(_("Die Datei ist leer."))
    if len(data) > max_bytes:
        raise ImportFileError(
            _("Die Datei ist zu groß; höchstens %(megabytes)s MB sind erlaubt.") % {"megabytes": max_bytes // (1024 * 1024)}
        )
    if data.startswith(b"PK\x03\x04"):
        raw = _raw_rows_from_xlsx(data)
    elif b"\x00" in data[:4096]:
        raise ImportFileError(_("Die Datei ist keine Tabelle (CSV in UTF-8 oder Windows-1252, oder XLSX)."))
    else:
        raw = _raw_rows_from_csv(data)

    numbered = [(number, row) for number, row in enumerate(raw, start=1) if any(is_filled(v) for v in row)]
    if not numbered:
        raise ImportFileError(_("Die Datei ist leer."))
    header_number, header_row = numbered[0]
    known = {header.casefold(): header for header in headers}
    headers, ignored, seen = [], [], set()
    for value in header_row:
        name = cell_text(value).strip().rstrip("*").strip()
        canonical = known.get(name.casefold())
        if canonical in seen:
            raise ImportFileError(_("Die Spalte „%(column)s“ kommt doppelt vor.") % {"column": canonical})
        if canonical:
            seen.add(canonical)
        elif name:
            ignored.append(name)
        headers.append(canonical)
    missing = [header for header in required_headers if header not in seen]
    if missing:
        raise ImportFileError(
            _("Es fehlen Pflichtspalten: %(missing)s. Bitte die Vorlage verwenden (erste Zeile: Spaltennamen).")
            % {"missing": ", ".join(missing)}
        )
    rows = []
    for number, row in numbered[1:]:
        values = {header: row[index] if index < len(row) else None for index, header in enumerate(headers) if header}
        rows.append((number, values))
    if not rows:
        raise ImportFileError(_("Die Datei enthält nur die Kopfzeile und keine Daten."))
    return Table(headers=[h for h in headers if h], rows=rows, ignored_headers=ignored)


def is_filled(value):
    return value is not None and str(value).strip() != ""


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return str(value).strip()


class CellError(Exception):
    pass


def parse_date(value):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    if not text:
        return None
    for fmt in ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise CellError(_("„%(value)s“ ist kein Datum; bitte TT.MM.JJJJ schreiben, z. B. 31.12.2025.") % {"value": text})


def parse_decimal(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Decimal(str(value))
    text = cell_text(value).replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")  # German: 1.234,56
    try:
        return Decimal(text)
    except InvalidOperation as error:
        raise CellError(
            _("„%(value)s“ ist keine Zahl; Dezimalkomma ist erlaubt, z. B. 51,3745.") % {"value": cell_text(value)}
        ) from error


def parse_bool(value):
    if isinstance(value, bool):
        return value
    text = cell_text(value).casefold()
    if not text:
        return True
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise CellError(_("„%(value)s“ ist weder „ja“ noch „nein“.") % {"value": cell_text(value)})


def split_names(value):
    text = cell_text(value)
    separator = ";" if ";" in text else ","
    return [part.strip() for part in text.split(separator) if part.strip()]


def format_decimal(number):
    if number is None:
        return ""
    return format(Decimal(str(number)).normalize(), "f").replace(".", ",")


def format_date(value):
    return value.strftime("%d.%m.%Y") if value else ""


# --- Writing files ------------------------------------------------------------------------


# A spreadsheet runs a cell as a formula when it begins with one of these (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _is_guarded(text):
    """A text that would be a formula once one leading apostrophe is removed: "'=1", "''-x"."""
    stripped = text.lstrip("'")
    return stripped != text and stripped.startswith(FORMULA_STARTS)


def guard_formula(value):
    """A cell that a spreadsheet would run as a formula gets a leading apostrophe ("'=1+1").

    So does a text that already looks guarded ("'=x" → "''=x"), so that reading it back with
    :func:`unguard_formula` gives exactly the text that was written. Other values pass unchanged.
    """
    if isinstance(value, str) and (value.startswith(FORMULA_STARTS) or _is_guarded(value)):
        return "'" + value
    return value


def unguard_formula(text):
    """Removes the apostrophe that :func:`guard_formula` added (CSV import)."""
    return text[1:] if _is_guarded(text) else text


def render_csv(rows) -> bytes:
    """Semicolon-separated UTF-8 with BOM: what German Excel opens correctly. Cells that a
    spreadsheet would run as formulas are neutralised (see :func:`guard_formula`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows([guard_formula(cell) for cell in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def render_xlsx(rows, title="Tabelle") -> bytes:
    from openpyxl import Workbook  # heavy; only when an XLSX file is asked for
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row_index, row in enumerate(rows, start=1):
        for column_index, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_index, column=column_index, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            if row_index == 1:
                cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
