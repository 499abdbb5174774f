"""A focused look into a tagged PDF's structure tree (pikepdf), for what issue 13 names:
tagged, language, title, table headers with /Scope, figures with /Alt, no empty headings.

It backs up pdfua: pdfua 0.1.3 cannot evaluate its rule on empty headings (UA-14-001) for
WeasyPrint's PDFs (the rule raises on headings whose /K is an array); this checks it.
"""

import io

import pikepdf

HEADINGS = {f"/H{level}" for level in range(1, 7)} | {"/H"}


def _elements(node, seen):
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid and kid.objgen not in seen:
            seen.add(kid.objgen)
            yield kid
            yield from _elements(kid, seen)


def _marks_content(node):
    kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
    if kids is None:
        return False
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, int) or (isinstance(kid, pikepdf.Object) and kid._type_name == "integer"):
            return True
        if isinstance(kid, pikepdf.Dictionary) and (kid.get("/Type") == pikepdf.Name.MCR or _marks_content(kid)):
            return True
    return False


def _attribute(element, key):
    attributes = element.get("/A")
    if attributes is None:
        return None
    for entry in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
        if isinstance(entry, pikepdf.Dictionary) and key in entry:
            return entry[key]
    return None


def structure_problems(pdf_bytes):
    """Everything the structure tree lacks, as readable lines (empty when all is well), and
    how many header cells and figures it has."""
    problems = []
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        root = pdf.Root
        if not bool(root.get("/MarkInfo", {}).get("/Marked", False)) or "/StructTreeRoot" not in root:
            return ["PDF ist nicht getaggt (/MarkInfo /Marked, /StructTreeRoot)."], {}
        if not str(root.get("/Lang", "")).strip():
            problems.append("Katalog ohne /Lang.")
        with pdf.open_metadata() as meta:
            title = meta.get("dc:title", "")
        if not str(title).strip():
            problems.append("Kein Titel in den XMP-Metadaten (dc:title).")
        if not bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)):
            problems.append("/ViewerPreferences /DisplayDocTitle fehlt.")

        counts = {"/TH": 0, "/Figure": 0}
        for element in _elements(root.StructTreeRoot, set()):
            role = str(element.S)
            if role == "/TH":
                counts["/TH"] += 1
                if _attribute(element, "/Scope") not in (pikepdf.Name.Row, pikepdf.Name.Column, pikepdf.Name.Both):
                    problems.append(f"Tabellenkopfzelle /TH ohne /Scope (ID {element.get('/ID', '?')}).")
            elif role == "/Figure":
                counts["/Figure"] += 1
                if not str(element.get("/Alt", "")).strip():
                    problems.append("Abbildung /Figure ohne /Alt.")
            elif role in HEADINGS and not _marks_content(element):
                problems.append(f"Leere Überschrift {role}.")
    return problems, counts
