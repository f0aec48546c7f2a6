"""The accessibility statement (tilgængelighedserklæring) that a public body must publish.

Danish public bodies must publish a statement for each website, following the template of
Digitaliseringsstyrelsen (lov nr. 692 af 8. juni 2018 om tilgængelighed af offentlige
organers websteder og mobilapplikationer). The text is Danish, as the law's is. Who
publishes the installation, and how to reach them, is configuration:
``VISIONSDAG_ACCESSIBILITY_OWNER`` and ``VISIONSDAG_ACCESSIBILITY_CONTACT``. The audit
behind the statement is docs/accessibility.md.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

#: When the statement was last reviewed against the audit in docs/accessibility.md.
REVIEWED = dt.date(2026, 12, 6)
STANDARD = "WCAG 2.1 niveau AA (EN 301 549)"
ENFORCEMENT_URL = "https://digst.dk/digital-inklusion/webtilgaengelighed/"

#: Known non-compliance: (what, where, the criterion it fails, what to do instead).
KNOWN_ISSUES: tuple[tuple[str, str, str, str], ...] = (
    ("Diagrammerne kan ikke betjenes punkt for punkt med tastatur eller skærmlæser.",
     "Storskærm, tidslinje, styringskort, styr dagen og analyse",
     "1.1.1 Ikke-tekstbaseret indhold",
     "Hvert diagram har et tekstalternativ med de samme tal eller oplysninger: en tekst under diagrammet, "
     "en tabel eller en liste (fx \"Faser og milepæle som tekst\" og \"Organerne som tekst\")."),
    ("Styringskortets organer vælges med et klik i diagrammet.",
     "Styringskort",
     "2.1.1 Tastatur",
     "Det samme organ kan vælges i listen \"Organ\" over diagrammet."),
    ("Storskærmen er tegnet til én skærm uden rulning og forudsætter et vindue på mindst 1280 × 720 "
     "punkter; i et mindre vindue bliver teksten mindre.",
     "Storskærm (kun for arrangøren)",
     "1.4.10 Ombrydning",
     "Resultaterne kan læses på siden Analyse og eksport, som kan ombrydes til 320 punkters bredde."),
    ("Diagrammernes egne tekster på storskærmen (kriterier, poler og fokusområder) følger ikke med, hvis "
     "læseren selv øger tekstafstanden, efter at diagrammet er tegnet: de kan da blive skåret af i "
     "diagrammets kant.",
     "Storskærm (kun for arrangøren)",
     "1.4.12 Tekstafstand",
     "Under hvert diagram står de samme tal og navne som almindelig tekst, og den følger læserens "
     "tekstafstand."),
)


@dataclass(frozen=True)
class Statement:
    owner: str
    contact: str | None
    url: str | None
    reviewed: dt.date = REVIEWED


def current(url: str | None = None) -> Statement:
    owner = os.environ.get("VISIONSDAG_ACCESSIBILITY_OWNER", "").strip() or "Sekretariatet for visionsdagen"
    contact = os.environ.get("VISIONSDAG_ACCESSIBILITY_CONTACT", "").strip() or None
    return Statement(owner=owner, contact=contact, url=url)


def _date(d: dt.date) -> str:
    months = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
              "november", "december"]
    return f"{d.day}. {months[d.month - 1]} {d.year}"


def statement_markdown(s: Statement) -> str:
    """The statement as Markdown (our own text; owner and contact come from the operator's
    configuration, not from visitors)."""
    where = f" (`{s.url}`)" if s.url else ""
    contact = (f"Skriv til {s.contact}." if s.contact else
               "Kontakt arrangøren af visionsdagen eller sekretariatet, der har sendt dig linket.")
    issues = "\n".join(f"- **{what}** ({place}; WCAG {criterion}). {instead}"
                       for what, place, criterion, instead in KNOWN_ISSUES)
    return f"""
{s.owner} er forpligtet til at gøre sine websteder tilgængelige i overensstemmelse med lov om
tilgængelighed af offentlige organers websteder og mobilapplikationer (lov nr. 692 af 8. juni 2018).

Denne tilgængelighedserklæring gælder for Visionsdag{where}: deltagernes side og tilmelding,
privatlivserklæringen, organernes side til høringssvar, forsiden, tidslinjen, styringskortet og
medarbejdernes sider (styr dagen, storskærm, opsætning, høring før dagen, analyse og eksport,
processen i dag, brugere).

### Overholdelsesstatus
Webstedet er **delvist i overensstemmelse** med {STANDARD} på grund af den manglende overholdelse,
der er anført nedenfor.

### Ikke-tilgængeligt indhold
**Manglende overholdelse af lovgivningen**

{issues}

**Uforholdsmæssig stor byrde**

Der er ikke påberåbt uforholdsmæssig stor byrde.

**Indhold uden for lovgivningens anvendelsesområde**

Kildedokumenterne, som tidslinjen og styringskortet henviser til, er dokumenter fra de enkelte
regioner og kommuner og er ikke en del af dette websted.

### Udarbejdelse af denne tilgængelighedserklæring
Erklæringen er udarbejdet den {_date(s.reviewed)} på grundlag af en selvevaluering: automatisk test
med axe på alle sider og tilstande (også de sider, der kræver login), test af betjening med tastatur
alene (arrangørens styring af en runde og deltagerens vej fra tilmelding til gemt svar), ombrydning
ved 320 punkters bredde, øget tekstafstand og gennemgang af kontrast og tekstalternativer.

### Feedback og kontaktoplysninger
Oplever du indhold, du ikke kan bruge, eller har du forslag til forbedringer? {contact}
Vi svarer inden for 14 dage.

### Håndhævelsesprocedure
Digitaliseringsstyrelsen fører tilsyn med, at offentlige organers websteder og mobilapplikationer
overholder loven (Tilgængelighedstilsynet). Får du ikke et tilfredsstillende svar fra os, kan du
klage til Digitaliseringsstyrelsen: {ENFORCEMENT_URL}
""".strip()
