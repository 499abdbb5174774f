"""The concept PDF: 0 errors and 0 warnings from pdfua, and a structure tree that says what
a screen reader needs (tagged, language, title, table headers with /Scope, figures with /Alt)."""

import pytest
from pdfua import Severity, validate

from sozialraum.portal.concept.data import concept_data
from sozialraum.portal.concept.render import PDF_OPTIONS, render_concept_pdf, scope_table_headers

from .pdf_structure import structure_problems

# pdfua 0.1.3 cannot run its empty-heading rule on WeasyPrint's PDFs (it raises on a heading
# whose /K is an array); pdf_structure.structure_problems checks empty headings instead.
RULES_THE_TOOL_CANNOT_RUN = {"UA-14-001"}

TABLE = """<!DOCTYPE html><html lang="de"><head><title>Tabelle</title></head><body>
<table><caption>Angebote</caption>
<thead><tr><th scope="col">Quartier</th><th scope="col">Angebote</th></tr></thead>
<tbody><tr><th scope="row">Obere Mühle</th><td>3</td></tr></tbody></table></body></html>"""


@pytest.mark.django_db
def test_concept_pdf_passes_pdfua_and_the_structure_tree_check(demo, tmp_path):
    path = tmp_path / "gesamtkonzept.pdf"
    path.write_bytes(render_concept_pdf(concept_data()))

    report = validate(str(path))
    problems, counts = structure_problems(path.read_bytes())

    findings = [
        f"{finding.rule_id} {finding.severity.name} {finding.location.describe()}: {finding.message}"
        for finding in report.findings
        if finding.severity >= Severity.WARNING
    ]
    assert findings == []
    assert {outcome.rule_id for outcome in report.skipped} <= RULES_THE_TOOL_CANNOT_RUN
    assert problems == []
    # the demo report has tables and charts: the checks looked at real elements
    assert counts["/TH"] > 100
    assert counts["/Figure"] > 0


def _table_pdf(**options):
    from weasyprint import HTML

    return HTML(string=TABLE).write_pdf(**PDF_OPTIONS, **options)


def test_weasyprint_alone_leaves_table_headers_without_scope():
    problems, counts = structure_problems(_table_pdf())

    assert counts["/TH"] == 3
    assert sum("ohne /Scope" in problem for problem in problems) == 3


def test_scope_table_headers_gives_row_and_column_headers_their_scope():
    import io

    import pikepdf

    pdf_bytes = _table_pdf(finisher=scope_table_headers)

    problems, _counts = structure_problems(pdf_bytes)
    assert not [problem for problem in problems if "/Scope" in problem]
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        scopes = [
            str(obj.A.Scope)
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == pikepdf.Name.TH
        ]
    assert sorted(scopes) == ["/Column", "/Column", "/Row"]
