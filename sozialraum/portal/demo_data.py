"""The demo programme: Iserlohn's "Südliche Innenstadt/Obere Mühle" and its neighbours.

Drawn from the source documents (Iserlohn's Maßnahme 6.0, Völklingen's goal hierarchy,
Krefeld's sustainability workshop with 18 activities of which 14 were green). Plain data
only; ``sozialraum.portal.demo.load_demo`` writes it.
"""

PROGRAMME = {
    "name": "Soziale Stadt Iserlohn – Südliche Innenstadt/Obere Mühle",
    "city": "Stadt Iserlohn",
    "area_name": "Südliche Innenstadt/Obere Mühle",
    "summary": (
        "Die Stadt Iserlohn stärkt mit dem Bund-Länder-Programm Soziale Stadt und Mitteln aus dem "
        "Europäischen Fonds für regionale Entwicklung (EFRE) die südliche Innenstadt und die Obere "
        "Mühle: als Wohnort, als Ort der Begegnung und als Standort für Handel und Handwerk."
    ),
    "situation": (
        "Das Quartier zeichnet sich durch einen hohen Anteil von Menschen mit Migrationshintergrund, "
        "Kindern und Jugendlichen und sozial benachteiligten Haushalten aus. Erwartet wird ein "
        "Bevölkerungsrückgang bei steigendem Anteil von Menschen mit Migrationshintergrund.\n\n"
        "Hinzu kommen ein schlechter Zustand vieler Gebäude, hohe Leerstände gewerblicher Objekte, "
        "erhöhte Leerstände in Wohngebieten, ein Mangel an Freiflächen, geringe Aufenthaltsqualität "
        "und eine starke Immissionsbelastung. Gleichzeitig hat das Gebiet durch seine zentrale Lage "
        "ein hohes Potenzial für städtebauliche Maßnahmen und für die Weiterentwicklung sozialer "
        "Einrichtungen.\n\n"
        "Im November 2010 hat die Verwaltung die Arbeitsgruppe „Soziale Maßnahmen“ gebildet. Sie "
        "verschafft sich einen Überblick über die Anbieter sozialer Dienstleistungen im Quartier, "
        "damit Anbieter nicht parallel Angebote für die gleiche Zielgruppe vorhalten, und erarbeitet "
        "die Bedarfe im Stadtteil."
    ),
    "contact": "Stadt Iserlohn, Ressort Generationen und Soziales, Schillerplatz 7, 58636 Iserlohn",
}


def _box(west, south, east, north, notch=0.0):
    """A closed GeoJSON polygon ring, slightly irregular so that it looks drawn."""
    mid_lon = (west + east) / 2
    mid_lat = (south + north) / 2
    return {
        "type": "Polygon",
        "coordinates": [
            [
                [west, south],
                [mid_lon, south - notch],
                [east, south],
                [east + notch, mid_lat],
                [east, north],
                [mid_lon, north + notch],
                [west, north],
                [west - notch, mid_lat],
                [west, south],
            ]
        ],
    }


# (slug, name, in programme area, boundary, description)
QUARTERS = [
    (
        "suedliche-innenstadt-obere-muehle",
        "Südliche Innenstadt/Obere Mühle",
        True,
        _box(7.6900, 51.3660, 7.7050, 51.3740, 0.0008),
        "Programmgebiet der Sozialen Stadt: dichte Altbebauung, ehemalige Fabrikgebäude an der "
        "Oberen Mühle, viele kleine Läden mit Leerstand.",
    ),
    (
        "noerdliche-innenstadt",
        "Nördliche Innenstadt",
        False,
        _box(7.6900, 51.3740, 7.7050, 51.3820, 0.0006),
        "Geschäftszentrum mit Fußgängerzone, Rathaus und Verwaltung.",
    ),
    (
        "wermingsen",
        "Wermingsen",
        False,
        _box(7.6750, 51.3660, 7.6900, 51.3740, 0.0005),
        "Wohngebiet mit Geschosswohnungsbau der 1960er- und 1970er-Jahre.",
    ),
    (
        "gerlingsen",
        "Gerlingsen",
        False,
        _box(7.7050, 51.3660, 7.7200, 51.3780, 0.0007),
        "Gemischtes Wohngebiet mit Einfamilienhäusern und Siedlungsbau.",
    ),
    (
        "doerdel",
        "Dördel",
        False,
        _box(7.6750, 51.3740, 7.6900, 51.3820, 0.0004),
        "Ruhiges Wohnquartier am Waldrand mit hohem Anteil älterer Menschen.",
    ),
]

# (slug, name, parent slug, min age, max age)
TARGET_GROUPS = [
    ("familien", "Familien", None, None, None),
    ("alleinerziehende", "Alleinerziehende", "familien", None, None),
    ("kinder", "Kinder", None, 0, 13),
    ("jugendliche", "Jugendliche", None, 14, 17),
    ("junge-erwachsene", "Junge Erwachsene", None, 18, 26),
    ("senioren", "Senioren", None, 65, None),
    ("migrationshintergrund", "Menschen mit Migrationshintergrund", None, None, None),
    ("sucht", "Menschen mit Suchterkrankung", None, None, None),
    ("psychische-beeintraechtigung", "Menschen mit psychischer Beeinträchtigung", None, None, None),
    ("behinderung", "Menschen mit Behinderung", None, None, None),
    ("arbeitsuchende", "Arbeitsuchende", None, None, None),
]

FIELDS_OF_ACTION = [
    ("wohnen", "Wohnen"),
    ("bildung", "Bildung"),
    ("gesundheit", "Gesundheit und Pflege"),
    ("integration", "Integration"),
    ("lokale-oekonomie", "Lokale Ökonomie"),
    ("freiraum", "Freiraum und Wohnumfeld"),
    ("beratung", "Beratung"),
    ("kultur-freizeit", "Kultur, Sport und Freizeit"),
]

LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "Englisch"),
    ("tr", "Türkisch"),
    ("ar", "Arabisch"),
    ("ru", "Russisch"),
    ("pl", "Polnisch"),
    ("uk", "Ukrainisch"),
    ("el", "Griechisch"),
]

# (slug, name, unit, target group slug, {quarter slug: base value}, yearly change)
INDICATORS = [
    ("einwohner", "Einwohnerinnen und Einwohner", "Personen", None,
     {"suedliche-innenstadt-obere-muehle": 6480, "noerdliche-innenstadt": 4210, "wermingsen": 5120,
      "gerlingsen": 3890, "doerdel": 2740}, -38),
    ("anteil-kinder-jugendliche", "Anteil Kinder und Jugendliche (unter 18)", "%", "kinder",
     {"suedliche-innenstadt-obere-muehle": 21.4, "noerdliche-innenstadt": 13.2, "wermingsen": 19.8,
      "gerlingsen": 17.1, "doerdel": 12.5}, 0.2),
    ("anteil-senioren", "Anteil Senioren (65 und älter)", "%", "senioren",
     {"suedliche-innenstadt-obere-muehle": 17.9, "noerdliche-innenstadt": 24.6, "wermingsen": 22.3,
      "gerlingsen": 20.4, "doerdel": 31.8}, 0.4),
    ("anteil-migrationshintergrund", "Anteil mit Migrationshintergrund", "%", "migrationshintergrund",
     {"suedliche-innenstadt-obere-muehle": 46.2, "noerdliche-innenstadt": 31.5, "wermingsen": 38.7,
      "gerlingsen": 24.9, "doerdel": 14.3}, 0.7),
    ("sgb-ii-quote", "SGB-II-Quote", "%", "arbeitsuchende",
     {"suedliche-innenstadt-obere-muehle": 19.6, "noerdliche-innenstadt": 11.2, "wermingsen": 15.4,
      "gerlingsen": 8.7, "doerdel": 5.9}, -0.3),
    ("leerstand-wohnungen", "Leerstandsquote Wohnungen", "%", None,
     {"suedliche-innenstadt-obere-muehle": 8.4, "noerdliche-innenstadt": 4.1, "wermingsen": 5.6,
      "gerlingsen": 3.2, "doerdel": 2.8}, -0.2),
    ("leerstand-gewerbe", "Leerstandsquote Gewerbeflächen", "%", None,
     {"suedliche-innenstadt-obere-muehle": 17.3, "noerdliche-innenstadt": 9.8, "wermingsen": 6.1,
      "gerlingsen": 4.4, "doerdel": 3.0}, -0.5),
]
INDICATOR_YEARS = [2021, 2022, 2023, 2024, 2025]
INDICATOR_SOURCE = "Stadt Iserlohn, Statistikstelle (Einwohnermelderegister)"

# quarter slug -> {kind: [text, …]}
SWOT = {
    "suedliche-innenstadt-obere-muehle": {
        "strength": [
            "Zentrale Lage mit kurzen Wegen zu Schulen, Ärzten und Einkauf",
            "Industriegeschichtliche Bausubstanz an der Oberen Mühle",
            "Viele engagierte Träger und Vereine im Quartier",
        ],
        "weakness": [
            "Schlechter Zustand vieler Gebäude",
            "Hohe Leerstände gewerblicher Objekte",
            "Mangel an Freiflächen und geringe Aufenthaltsqualität",
            "Starke Immissionsbelastung durch Verkehr",
        ],
        "opportunity": [
            "Hohes Potenzial für städtebauliche Maßnahmen durch die zentrale Lage",
            "Leerstehende Ladenlokale als Anlaufstellen und Treffpunkte",
        ],
        "threat": [
            "Erwarteter Bevölkerungsrückgang",
            "Negatives Image und negative Entwicklungsperspektiven",
            "Ende der Förderung ohne gesicherte Anschlussfinanzierung",
        ],
    },
    "doerdel": {
        "strength": ["Stabile Nachbarschaften", "Nähe zum Stadtwald"],
        "weakness": ["Wenige Angebote für ältere Menschen im Quartier"],
        "opportunity": ["Altersgerechter Umbau im Bestand"],
        "threat": ["Vereinsamung älterer Menschen"],
    },
    "wermingsen": {
        "strength": ["Preiswerter Wohnraum"],
        "weakness": ["Wenig Treffpunkte für Jugendliche"],
        "opportunity": ["Modernisierung der Wohnungsbestände"],
        "threat": ["Zunehmende soziale Entmischung"],
    },
}

# (slug, name, kind, street, (lon, lat), phone, website, accessibility, languages, description,
#  offers: [(slug, title, field slug, target group slugs, quarter slugs or None (= own quarter),
#            opening hours, cost, active, description)])
PROVIDERS = [
    ("caritas-iserlohn", "Caritasverband Iserlohn e. V.", "welfare", "Karl-Arnold-Straße 15",
     (7.6965, 51.3700), "02371 8180", "https://www.caritas-iserlohn.de",
     "Stufenloser Zugang, Aufzug, barrierefreies WC", ["de", "tr", "ru"],
     "Wohlfahrtsverband der katholischen Kirche mit Beratung, Integrationsarbeit und Seniorenhilfe.",
     [
         ("migrationsberatung", "Migrationsberatung für Erwachsene", "integration",
          ["migrationshintergrund"], None, "Mo, Di, Do 9–12 Uhr, Do 14–17 Uhr", "kostenlos", True,
          "Beratung zu Aufenthalt, Sprache, Arbeit und Wohnen."),
         ("seniorentreff", "Seniorentreff an der Oberen Mühle", "kultur-freizeit", ["senioren"],
          None, "Mi 14–17 Uhr", "Kaffee 1 €", True, "Offener Treff mit Kaffee, Spielen und Ausflügen."),
         ("schuldnerberatung", "Schuldner- und Insolvenzberatung", "beratung",
          ["familien", "arbeitsuchende"], ["suedliche-innenstadt-obere-muehle", "noerdliche-innenstadt"],
          "nach Vereinbarung", "kostenlos", True, "Hilfe bei Schulden, Haushaltsplan und Insolvenz."),
     ]),
    ("diakonie-mark-ruhr", "Diakonie Mark-Ruhr", "welfare", "Piepenstockstraße 6",
     (7.6990, 51.3712), "02371 9590", "https://www.diakonie-mark-ruhr.de",
     "Zugang über Rampe; Beratungsräume im Erdgeschoss", ["de", "en", "ar"],
     "Evangelischer Wohlfahrtsverband: Familienhilfe, Suchtberatung, Wohnungsnotfallhilfe.",
     [
         ("familienberatung", "Erziehungs- und Familienberatung", "beratung",
          ["familien", "alleinerziehende", "kinder"], None, "Mo–Fr 8–16 Uhr", "kostenlos", True,
          "Unterstützung bei Fragen zu Erziehung, Trennung und Familienkonflikten."),
         ("suchtberatung", "Sucht- und Drogenberatung", "gesundheit", ["sucht"],
          ["suedliche-innenstadt-obere-muehle", "noerdliche-innenstadt", "wermingsen"],
          "Mo–Do 9–17 Uhr, offene Sprechstunde Di 15–17 Uhr", "kostenlos", True,
          "Beratung für Betroffene und Angehörige, Vermittlung in Therapie."),
         ("schuldnerberatung-offene-sprechstunde", "Offene Sprechstunde Schuldnerberatung", "beratung",
          ["familien", "alleinerziehende"], ["suedliche-innenstadt-obere-muehle"], "Di 9–12 Uhr, Do 14–17 Uhr",
          "kostenlos", True, "Erste Hilfe bei Mahnungen, Pfändungen und Stromsperren, ohne Termin."),
         ("seniorenbesuchsdienst", "Besuchsdienst für ältere Menschen", "gesundheit", ["senioren"],
          ["suedliche-innenstadt-obere-muehle"], "nach Absprache", "kostenlos", True,
          "Ehrenamtliche besuchen ältere Menschen zu Hause."),
     ]),
    ("awo-iserlohn", "AWO Ortsverein Iserlohn", "welfare", "Teutoburger Straße 21",
     (7.6930, 51.3690), "02371 24315", "",
     "Eingang mit einer Stufe, mobile Rampe vorhanden", ["de", "tr", "pl"],
     "Arbeiterwohlfahrt mit Begegnungsstätte, Mittagstisch und Jugendhilfe.",
     [
         ("mittagstisch", "Mittagstisch für Seniorinnen und Senioren", "gesundheit", ["senioren"], None,
          "Mo–Fr 12–13.30 Uhr", "3,50 € pro Essen", True, "Warmes Mittagessen in Gesellschaft."),
         ("hausaufgabenhilfe", "Hausaufgabenhilfe", "bildung", ["kinder"], None,
          "Mo–Do 14–16 Uhr", "kostenlos", True, "Hilfe bei den Hausaufgaben für Grundschulkinder."),
         ("naehcafe", "Nähcafé", "kultur-freizeit", ["migrationshintergrund", "familien"], None,
          "Fr 10–12 Uhr", "kostenlos", False, "Gemeinsam nähen und Deutsch sprechen (pausiert)."),
     ]),
    ("paritaetischer-mk", "Der Paritätische NRW, Kreisgruppe Märkischer Kreis", "welfare",
     "Hagener Straße 40", (7.6880, 51.3720), "02371 43210", "https://www.paritaet-nrw.org",
     "Barrierefrei erreichbar", ["de"],
     "Dachverband für Selbsthilfegruppen und freie Träger.",
     [
         ("selbsthilfe-kontaktstelle", "Selbsthilfe-Kontaktstelle", "beratung",
          ["psychische-beeintraechtigung", "sucht", "behinderung"],
          ["suedliche-innenstadt-obere-muehle", "noerdliche-innenstadt", "wermingsen", "gerlingsen", "doerdel"],
          "Di und Do 10–13 Uhr", "kostenlos", True, "Vermittlung in Selbsthilfegruppen, Gründungshilfe."),
     ]),
    ("skm-iserlohn", "Katholischer Verein für soziale Dienste (SKM) Iserlohn e. V.", "association",
     "Mühlentor 4", (7.6975, 51.3680), "02371 27380", "",
     "Stufenloser Zugang", ["de", "ru"],
     "Betreuungsverein und Hilfen für Menschen in Wohnungsnot.",
     [
         ("wohnungsnotfallhilfe", "Beratung bei drohendem Wohnungsverlust", "wohnen",
          ["arbeitsuchende", "sucht"], None, "Mo–Fr 9–12 Uhr", "kostenlos", True,
          "Hilfe bei Mietschulden, Räumungsklagen und Wohnungssuche."),
         ("betreuungsverein", "Beratung zu Vorsorgevollmacht und Betreuung", "beratung",
          ["senioren", "psychische-beeintraechtigung"], None, "nach Vereinbarung", "kostenlos", True,
          "Information für Angehörige und ehrenamtliche Betreuer."),
     ]),
    ("bahnhofsmission", "Bahnhofsmission Iserlohn", "church", "Bahnhofsplatz 1",
     (7.6955, 51.3760), "02371 9521", "", "Ebenerdig am Bahnsteig", ["de", "en"],
     "Ökumenische Anlaufstelle am Bahnhof.",
     [
         ("anlaufstelle", "Anlaufstelle für Menschen in Not", "beratung",
          ["sucht", "psychische-beeintraechtigung"], None, "täglich 8–18 Uhr", "kostenlos", True,
          "Zuhören, heiße Getränke, Vermittlung in Hilfen."),
     ]),
    ("jugendzentrum-karnacksweg", "Jugendzentrum Karnacksweg", "municipal", "Karnacksweg 25",
     (7.6920, 51.3675), "02371 2172610", "", "Erdgeschoss stufenlos, Obergeschoss nur über Treppe",
     ["de", "tr", "ar"], "Städtische offene Kinder- und Jugendarbeit.",
     [
         ("offener-treff", "Offener Jugendtreff", "kultur-freizeit", ["jugendliche"], None,
          "Di–Fr 15–21 Uhr", "kostenlos", True, "Kicker, Musikstudio, Beratung und Ausflüge."),
         ("lernhilfe", "Lernhilfe für Grundschulkinder", "bildung", ["kinder"],
          ["suedliche-innenstadt-obere-muehle"], "Mo–Do 14.30–16 Uhr", "kostenlos", True,
          "Hausaufgaben machen und lernen mit Ehrenamtlichen, ohne Anmeldung."),
         ("bewerbungstraining", "Bewerbungstraining", "bildung", ["jugendliche", "junge-erwachsene"], None,
          "Mi 16–18 Uhr", "kostenlos", True, "Lebenslauf, Anschreiben, Vorstellungsgespräch."),
     ]),
    ("familienzentrum-obere-muehle", "Familienzentrum Obere Mühle", "municipal", "Obere Mühle 12",
     (7.7010, 51.3695), "02371 2172700", "", "Barrierefrei, Wickelraum, Kinderwagenstellplatz",
     ["de", "tr", "ar", "uk"], "Kita und Familienzentrum mit Elterncafé und Sprachförderung.",
     [
         ("elterncafe", "Interkulturelles Elterncafé", "integration",
          ["familien", "migrationshintergrund", "alleinerziehende"], None, "Di 9–11 Uhr", "kostenlos", True,
          "Austausch, Information und Kinderbetreuung während des Treffens."),
         ("rucksack", "Sprachförderprogramm „Rucksack“", "bildung", ["kinder", "migrationshintergrund"], None,
          "Do 9–11 Uhr", "kostenlos", True, "Eltern fördern die Sprache ihrer Kinder in zwei Sprachen."),
     ]),
    ("integrationsagentur", "Integrationsagentur Märkischer Kreis", "welfare", "Theodor-Heuss-Ring 3",
     (7.6985, 51.3750), "02371 9663", "", "Aufzug vorhanden", ["de", "ar", "tr", "uk", "ru"],
     "Integrationsarbeit und interkulturelle Öffnung.",
     [
         ("sprachcafe", "Sprachcafé Deutsch", "integration", ["migrationshintergrund"],
          ["suedliche-innenstadt-obere-muehle", "noerdliche-innenstadt"], "Mo 17–19 Uhr", "kostenlos", True,
          "Deutsch sprechen im Alltag mit Ehrenamtlichen."),
     ]),
    ("kreuzbund-iserlohn", "Kreuzbund Selbsthilfegruppe Iserlohn", "self_help", "Hohler Weg 7",
     (7.7030, 51.3705), "", "", "Treffpunkt im Gemeindesaal, Eingang stufenlos", ["de"],
     "Selbsthilfe für Suchtkranke und Angehörige.",
     [
         ("gruppenabend", "Gruppenabend", "gesundheit", ["sucht"], None, "Mo 19.30–21.30 Uhr", "kostenlos", True,
          "Wöchentliches Treffen der Selbsthilfegruppe."),
     ]),
    ("seniorenbeirat", "Seniorenbeirat der Stadt Iserlohn", "initiative", "Schillerplatz 7",
     (7.6960, 51.3765), "02371 2170", "", "Rathaus: Aufzug, barrierefreies WC", ["de"],
     "Interessenvertretung älterer Menschen in Iserlohn.",
     [
         ("sprechstunde", "Sprechstunde des Seniorenbeirats", "beratung", ["senioren"],
          ["noerdliche-innenstadt", "suedliche-innenstadt-obere-muehle", "doerdel"],
          "1. Montag im Monat 10–12 Uhr", "kostenlos", True, "Anliegen älterer Menschen an Politik und Verwaltung."),
     ]),
    ("stadtsportbund", "Stadtsportbund Iserlohn e. V.", "association", "Seilerwaldstraße 10",
     (7.6800, 51.3790), "02371 13456", "", "Sporthalle barrierefrei", ["de"],
     "Dachverband der Iserlohner Sportvereine.",
     [
         ("sport-im-park", "Sport im Park", "kultur-freizeit", ["familien", "senioren", "jugendliche"],
          ["suedliche-innenstadt-obere-muehle", "doerdel"], "Mai–September, Sa 10–12 Uhr", "kostenlos", True,
          "Bewegung unter freiem Himmel für alle Generationen."),
     ]),
    ("vhs-iserlohn", "Volkshochschule Iserlohn", "education", "Theodor-Heuss-Ring 24",
     (7.6995, 51.3770), "02371 2171940", "https://www.vhs-iserlohn.de", "Aufzug, Induktionsschleife in Raum 1",
     ["de", "en"], "Weiterbildung, Integrationskurse, Schulabschlüsse.",
     [
         ("integrationskurs", "Integrationskurse", "integration", ["migrationshintergrund"],
          ["suedliche-innenstadt-obere-muehle", "noerdliche-innenstadt", "wermingsen", "gerlingsen", "doerdel"],
          "vormittags und abends", "nach Kostenbescheid des BAMF", True, "Sprach- und Orientierungskurse."),
         ("schulabschluss", "Hauptschulabschluss nachholen", "bildung", ["junge-erwachsene", "arbeitsuchende"],
          ["noerdliche-innenstadt"], "Mo–Fr 8.30–13 Uhr", "kostenlos", True, "Zehn Monate Vollzeitkurs."),
     ]),
    ("mieterverein", "Mieterverein Iserlohn e. V.", "association", "Wermingser Straße 20",
     (7.6850, 51.3700), "02371 22551", "", "Eingang mit zwei Stufen", ["de"],
     "Rechtsberatung für Mieterinnen und Mieter.",
     [
         ("mietrechtsberatung", "Mietrechtsberatung", "wohnen", ["familien", "senioren"], None,
          "Di 16–18 Uhr", "Mitgliedsbeitrag", True, "Beratung zu Nebenkosten, Mängeln, Kündigung."),
     ]),
    ("werkstatt-im-hinterhof", "Werkstatt im Hinterhof – Nachbarschaftsinitiative", "initiative",
     "Alexanderstraße 9", (7.6945, 51.3665), "", "", "Hinterhof ebenerdig, WC nicht barrierefrei",
     ["de", "el"], "Nachbarschaftsinitiative mit Reparaturcafé und Gemeinschaftsgarten.",
     [
         ("reparaturcafe", "Reparaturcafé", "lokale-oekonomie", ["senioren", "familien"], None,
          "jeden 2. Samstag im Monat 11–15 Uhr", "gegen Spende", True, "Gemeinsam reparieren statt wegwerfen."),
         ("gemeinschaftsgarten", "Gemeinschaftsgarten", "freiraum", ["familien", "kinder"], None,
          "April–Oktober, Sa 10–13 Uhr", "kostenlos", True, "Gärtnern im Hinterhof für alle Nachbarn."),
     ]),
    ("hochschule-suedwestfalen", "Fachhochschule Südwestfalen, Standort Iserlohn", "education",
     "Frauenstuhlweg 31", (7.6870, 51.3815), "02371 5660", "https://www.fh-swf.de", "Barrierefrei",
     ["de", "en"], "Hochschule; Studierende begleiten Projekte im Quartier.", []),
]

# Opening hours of the providers' offices (offers without times of their own show these).
PROVIDER_HOURS = {
    "caritas-iserlohn": "Mo–Do 8–16.30 Uhr, Fr 8–13 Uhr",
    "diakonie-mark-ruhr": "Mo–Fr 8–16 Uhr",
    "awo-iserlohn": "Mo–Fr 9–15 Uhr",
    "skm-iserlohn": "Mo–Fr 9–12 Uhr",
    "familienzentrum-obere-muehle": "Mo–Fr 7.30–16.30 Uhr",
    "vhs-iserlohn": "Mo–Do 9–12.30 und 14–16 Uhr, Fr 9–12 Uhr",
}

# The structured side of each demo offer: service type slug (from the migrated taxonomy),
# age range (None = open), and whether an appointment is needed. Times, cost and access
# are read from the texts above with the same parsers the import uses.
OFFER_DETAILS = {
    "migrationsberatung": ("migrationsberatung", 18, None, False),
    "seniorentreff": ("seniorentreff", 60, None, False),
    "schuldnerberatung": ("schuldnerberatung", 18, None, True),
    "schuldnerberatung-offene-sprechstunde": ("schuldnerberatung", 18, None, False),
    "familienberatung": ("erziehungsberatung", None, None, True),
    "suchtberatung": ("suchtberatung", 14, None, False),
    "seniorenbesuchsdienst": ("besuchsdienst", 65, None, True),
    "mittagstisch": ("mittagstisch", 60, None, False),
    "hausaufgabenhilfe": ("hausaufgabenhilfe", 6, 10, False),
    "lernhilfe": ("hausaufgabenhilfe", 6, 10, False),
    "naehcafe": ("interkultureller-treff", 16, None, False),
    "selbsthilfe-kontaktstelle": ("selbsthilfegruppe", 18, None, False),
    "wohnungsnotfallhilfe": ("wohnungslosenhilfe", 18, None, False),
    "betreuungsverein": ("sozialberatung", 18, None, True),
    "anlaufstelle": ("sozialberatung", None, None, False),
    "offener-treff": ("jugendtreff", 12, 21, False),
    "bewerbungstraining": ("berufsberatung", 15, 25, False),
    "elterncafe": ("familiencafe", None, None, False),
    "rucksack": ("sprachkurs", 3, 6, False),
    "sprachcafe": ("sprachkurs", 16, None, False),
    "gruppenabend": ("selbsthilfegruppe", 18, None, False),
    "sprechstunde": ("sozialberatung", 60, None, False),
    "sport-im-park": ("sportangebot", None, None, False),
    "integrationskurs": ("integrationskurs", 16, None, True),
    "schulabschluss": ("berufsberatung", 18, 27, True),
    "mietrechtsberatung": ("rechtsberatung", 18, None, True),
    "reparaturcafe": ("repair-cafe", None, None, False),
    "gemeinschaftsgarten": ("gemeinschaftsgarten", None, None, False),
}

FUNDING_PROGRAMMES = [
    ("soziale-stadt", "Bund-Länder-Programm Soziale Stadt", "Soziale Stadt", "federal_state"),
    ("efre", "Europäischer Fonds für regionale Entwicklung", "EFRE", "eu"),
    ("esf", "Europäischer Sozialfonds", "ESF", "eu"),
    ("landesmittel-nrw", "Landesmittel Nordrhein-Westfalen", "Land NRW", "state"),
    ("stiftung-wohlfahrtspflege", "Stiftung Wohlfahrtspflege NRW", "Stiftung Wohlfahrtspflege", "foundation"),
    ("kommunale-mittel", "Kommunaler Eigenanteil der Stadt Iserlohn", "Eigenanteil", "municipal"),
]

TOP_GOAL = (
    "oberziel",
    "Nachhaltige soziale Stabilisierung und Verbesserung der Wohn- und Lebensqualität im Programmgebiet",
)
SUB_GOALS = [
    ("staerkung-wohnfunktion", "Stärkung der Wohnfunktion"),
    ("stabilisierung-sozialstruktur", "Stabilisierung der Sozialstruktur"),
    ("industriehistorische-ansaetze", "Nutzung der industriehistorischen Ansätze"),
    ("lokale-oekonomie", "Förderung der lokalen Ökonomie"),
]

# (code, slug, title, summary, status, progress, start, end, goal slugs, field slugs,
#  target group slugs, partner slugs, lead, traffic light, reason, funding [(programme, amount, year)])
MEASURES = [
    ("1.0", "quartiersmanagement", "Quartiersmanagement und Stadtteilbüro",
     "Ein Stadtteilbüro in der Oberen Mühle ist Anlaufstelle für Bewohnerinnen, Bewohner und Träger.",
     "ongoing", 65, "2011-01-01", "2027-12-31", ["stabilisierung-sozialstruktur"], ["beratung"],
     ["familien", "senioren", "migrationshintergrund"], ["caritas-iserlohn", "diakonie-mark-ruhr"],
     "Stadt Iserlohn, Ressort Planen, Bauen, Wohnen", "yellow",
     "Weiterführung nach 2027 nur mit kommunalen Mitteln möglich; Beschluss steht aus.",
     [("soziale-stadt", "480000", 2024), ("kommunale-mittel", "160000", 2024)]),
    ("2.0", "hof-und-fassadenprogramm", "Hof- und Fassadenprogramm",
     "Zuschüsse für Eigentümer, die Fassaden, Höfe und Vorgärten aufwerten.",
     "ongoing", 45, "2012-04-01", "2026-12-31", ["staerkung-wohnfunktion"], ["wohnen", "freiraum"],
     ["familien"], ["mieterverein"], "Stadt Iserlohn, Stadtplanung", "green",
     "Aufgewertete Häuser bleiben; das Programm endet planmäßig.",
     [("soziale-stadt", "350000", 2023), ("efre", "210000", 2023), ("kommunale-mittel", "70000", 2023)]),
    ("3.0", "umgestaltung-strassenraeume", "Umgestaltung der Straßenräume an der Oberen Mühle",
     "Mehr Aufenthaltsqualität, weniger Lärm: neue Plätze, Bäume und sichere Wege.",
     "planned", 10, "2026-03-01", "2028-10-31", ["staerkung-wohnfunktion", "industriehistorische-ansaetze"],
     ["freiraum"], ["kinder", "senioren"], [], "Stadt Iserlohn, Tiefbau", "", "",
     [("soziale-stadt", "1250000", 2026), ("landesmittel-nrw", "400000", 2026)]),
    ("4.0", "verfuegungsfonds", "Verfügungsfonds für Bewohnerprojekte",
     "Kleine Projekte von Bewohnerinnen und Bewohnern werden unbürokratisch gefördert.",
     "ongoing", 70, "2012-01-01", "2027-12-31", ["stabilisierung-sozialstruktur"], ["kultur-freizeit"],
     ["familien", "jugendliche"], ["werkstatt-im-hinterhof"], "Stadtteilbüro Obere Mühle", "green",
     "Der Stadtteilbeirat vergibt die Mittel auch künftig.",
     [("soziale-stadt", "60000", 2025), ("kommunale-mittel", "20000", 2025)]),
    ("5.0", "leerstandsmanagement", "Leerstandsmanagement und lokale Ökonomie",
     "Leerstehende Ladenlokale werden vermittelt und für Zwischennutzungen geöffnet.",
     "ongoing", 35, "2013-01-01", "2026-12-31", ["lokale-oekonomie", "industriehistorische-ansaetze"],
     ["lokale-oekonomie"], ["arbeitsuchende"], ["werkstatt-im-hinterhof"], "Wirtschaftsförderung Iserlohn",
     "red", "Die Vermittlung hängt an einer befristeten Stelle.",
     [("efre", "180000", 2024), ("kommunale-mittel", "45000", 2024)]),
    ("6.0", "sozialraumkonzept", "Durchführung eines Sozialraumkonzeptes",
     "Sozialraumanalyse, Quartierswerkstatt mit allen Akteuren und Gesamtkonzept für soziale Maßnahmen.",
     "completed", 100, "2010-11-01", "2011-06-15",
     ["stabilisierung-sozialstruktur", "staerkung-wohnfunktion", "industriehistorische-ansaetze", "lokale-oekonomie"],
     ["beratung", "integration"], ["familien", "jugendliche", "senioren", "migrationshintergrund"],
     ["caritas-iserlohn", "diakonie-mark-ruhr", "awo-iserlohn", "paritaetischer-mk"],
     "Arbeitsgruppe „Soziale Maßnahmen“ der Stadtverwaltung", "green",
     "Das Konzept wird fortgeschrieben; der Anbieterkatalog wird laufend gepflegt.",
     [("soziale-stadt", "45000", 2011), ("efre", "30000", 2011)]),
    ("7.0", "interkulturelle-elternarbeit", "Interkulturelle Elternarbeit",
     "Eltern mit Migrationsgeschichte werden in Kita und Schule einbezogen.",
     "ongoing", 55, "2019-08-01", "2026-07-31", ["stabilisierung-sozialstruktur"], ["integration", "bildung"],
     ["familien", "migrationshintergrund", "kinder"], ["familienzentrum-obere-muehle", "integrationsagentur"],
     "Familienzentrum Obere Mühle", "yellow", "Anschlussfinanzierung über die Stiftung beantragt.",
     [("esf", "95000", 2024), ("stiftung-wohlfahrtspflege", "40000", 2025)]),
    ("8.0", "altengerechtes-quartier", "Altengerechtes Wohnen im Quartier",
     "Beratung zum Umbau, Nachbarschaftshilfe und Treffpunkte für ältere Menschen.",
     "planned", 5, "2026-01-01", "2028-12-31", ["staerkung-wohnfunktion"], ["wohnen", "gesundheit"],
     ["senioren"], ["seniorenbeirat", "caritas-iserlohn"], "Stadt Iserlohn, Ressort Generationen und Soziales",
     "", "", [("landesmittel-nrw", "120000", 2026)]),
    ("9.0", "jugendtreff-mobil", "Mobiler Jugendtreff",
     "Ein Bauwagen als Treffpunkt für Jugendliche auf wechselnden Plätzen.",
     "stopped", 30, "2016-05-01", "2018-12-31", ["stabilisierung-sozialstruktur"], ["kultur-freizeit"],
     ["jugendliche"], ["jugendzentrum-karnacksweg"], "Jugendzentrum Karnacksweg", "red",
     "Eingestellt: kein geeigneter Standort, Angebot im Jugendzentrum gebündelt.",
     [("soziale-stadt", "25000", 2016)]),
]

# Krefeld's sustainability workshop: 18 activities, five themes, 14 green.
SUSTAINABILITY_THEMES = [
    "Integration benachteiligter Menschen mit und ohne Migrationshintergrund",
    "Gemeinschaftliche Sozialraumerkundung",
    "fit fürs Alter",
    "Beratung und Unterstützung im sozialen Nahraum",
    "Nachbarschaftliche Öffnung von sozialen und kommerziellen Einrichtungen",
]
# (title, theme index, responsible, light, note)
SUSTAINABILITY_RESULTS = [
    ("Sprachcafé Deutsch", 0, "Integrationsagentur Märkischer Kreis", "green", "Ehrenamtliche übernehmen die Leitung."),
    ("Interkulturelles Elterncafé", 0, "Familienzentrum Obere Mühle", "green", "Im Regelangebot der Kita verankert."),
    ("Nähcafé", 0, "AWO Ortsverein Iserlohn", "yellow", "Fortführung nur mit neuer Leitung."),
    ("Stadtteilspaziergänge unter neuen Vorzeichen", 1, "Seniorenbeirat der Stadt Iserlohn", "green", "Vier Termine im Jahr."),
    ("Quartiersdetektive mit Kindern", 1, "Jugendzentrum Karnacksweg", "green", "In die Ferienspiele übernommen."),
    ("Fotoprojekt „Mein Quartier“", 1, "Fachhochschule Südwestfalen", "red", "Endet mit dem Semesterprojekt."),
    ("Sport im Park", 2, "Stadtsportbund Iserlohn e. V.", "green", "Vereine teilen sich die Übungsleitung."),
    ("Mittagstisch", 2, "AWO Ortsverein Iserlohn", "green", "Finanziert über Essensbeiträge."),
    ("Sonderöffnungszeit im Elektronikmarkt für Senioren", 2, "Einzelhandel Obere Mühle", "green", "Der Markt setzt sie fort."),
    ("Begegnungstelefon", 2, "Caritasverband Iserlohn e. V.", "green", "Anruferinnen werden selbst begleitet."),
    ("Besuchsdienst für ältere Menschen", 2, "Diakonie Mark-Ruhr", "green", "Ehrenamtliche gewonnen."),
    ("Offene Sprechstunde im Stadtteilbüro", 3, "Stadtteilbüro Obere Mühle", "green", "Bis Ende der Förderung gesichert."),
    ("Beratung bei drohendem Wohnungsverlust", 3, "SKM Iserlohn e. V.", "green", "Regelfinanziert."),
    ("Lotsinnen für Behördengänge", 3, "Integrationsagentur Märkischer Kreis", "yellow", "Sucht weitere Ehrenamtliche."),
    ("Reparaturcafé", 4, "Werkstatt im Hinterhof", "green", "Getragen von der Initiative."),
    ("Gemeinschaftsgarten im Hinterhof", 4, "Werkstatt im Hinterhof", "green", "Pachtvertrag verlängert."),
    ("Anlaufstelle im leerstehenden Ladenlokal", 4, "Stadtteilbüro Obere Mühle", "green", "Fester Mietvertrag abgeschlossen."),
    ("Offener Mittagstisch in der Seniorenresidenz", 4, "Seniorenresidenz am Hohler Weg", "yellow", "Nur bei ausreichender Nachfrage."),
]

# Institutions at the sustainability workshop that are not in the provider catalogue.
SUSTAINABILITY_INSTITUTIONS = [
    "aktive Quartiersbewohnerinnen und -bewohner",
    "Arbeitskreis Iserlohner Bürgervereine",
    "Bewohnerbeirat der Seniorenresidenz am Hohler Weg",
    "Büro des Bürgermeisters, Referent Bürgerinteressen",
    "Wohnungsgesellschaft, Vermietung Obere Mühle",
    "Kuratorium Deutsche Altershilfe, Referent Wohnen und Quartier",
    "PSAG Märkischer Kreis, Untergruppe Gerontopsychiatrie",
    "Stadt Iserlohn, Ressort Generationen und Soziales",
]
SUSTAINABILITY_PROVIDERS = [
    "caritas-iserlohn", "diakonie-mark-ruhr", "awo-iserlohn", "paritaetischer-mk", "skm-iserlohn",
    "bahnhofsmission", "seniorenbeirat", "stadtsportbund", "hochschule-suedwestfalen", "werkstatt-im-hinterhof",
]


# Contact, access and registration of the upcoming demo workshops (fictitious contacts).
_STADTTEILBUERO = {
    "contact_name": "Quartiersmanagement im Stadtteilbüro Obere Mühle",
    "contact_email": "stadtteilbuero@example.org",
    "step_free": True,
    "accessible_toilet": True,
    "access_note": "Eingang ebenerdig an der Straßenseite.",
}
WORKSHOP_ATTENDANCE = {
    "werkstatt-altengerechtes-wohnen": {**_STADTTEILBUERO, "hearing_loop": True, "registration_enabled": True,
                                        "capacity": 25, "registration_form": "names"},
    "werkstatt-strassenraeume": {**_STADTTEILBUERO},
    "informationsabend-verfuegungsfonds": {**_STADTTEILBUERO, "registration_enabled": True,
                                           "registration_form": "count"},
}
