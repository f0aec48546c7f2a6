"""Personal participant cards: a PDF of QR cards to print on A4 and cut.

Eight cards per page (2 x 4, each 105 x 74 mm), with dashed cut lines. Each card
carries the QR code of the participant's personal join link, the event title, the
participant's group, municipality/organisation and table, a card number (to find a
lost card in the revoke list) and short instructions. No name is ever printed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from fpdf import FPDF

from vision.model import GROUPS
from vision.qr import qr_png

PAGE_W, PAGE_H = 210.0, 297.0
COLS, ROWS = 2, 4
CARDS_PER_PAGE = COLS * ROWS
CARD_W, CARD_H = PAGE_W / COLS, PAGE_H / ROWS
PAD = 6.0
QR_SIZE = 46.0

# A Unicode TrueType font when the system has one (Debian: fonts-dejavu-core); else
# the PDF core font, with text reduced to the characters it can show.
_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
_LATIN1_SUBSTITUTES = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "„": '"',
                                     "…": "...", "•": "-", "€": "EUR"})

INSTRUCTIONS = ("1. Scan QR-koden med telefonens kamera.\n"
                "2. Tryk på linket, der dukker op – så er du med.\n"
                "Kortet er personligt: giv det ikke videre.")


@dataclass(frozen=True)
class Card:
    token: str
    grp: str
    unit: str | None
    table_no: int | None
    number: int | None = None


def card_url(join_base: str, token: str) -> str:
    """The personal join link: ``<base>/?e=CODE`` plus ``&t=TOKEN``."""
    sep = "&" if "?" in join_base else "?"
    return f"{join_base}{sep}t={token}"


class _CardPDF(FPDF):
    def __init__(self):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_auto_page_break(False)
        self.set_margins(0, 0, 0)
        self.unicode = False
        regular = next((d / "DejaVuSans.ttf" for d in _FONT_DIRS if (d / "DejaVuSans.ttf").exists()), None)
        bold = next((d / "DejaVuSans-Bold.ttf" for d in _FONT_DIRS if (d / "DejaVuSans-Bold.ttf").exists()), None)
        if regular and bold:
            self.add_font("card", "", str(regular))
            self.add_font("card", "B", str(bold))
            self.family_name = "card"
            self.unicode = True
        else:
            self.family_name = "helvetica"

    def text_for_font(self, text: str) -> str:
        if self.unicode:
            return text
        return text.translate(_LATIN1_SUBSTITUTES).encode("latin-1", "replace").decode("latin-1")


def _cut_lines(pdf: _CardPDF) -> None:
    pdf.set_draw_color(150, 150, 150)
    pdf.set_line_width(0.2)
    with pdf.local_context():
        pdf.set_dash_pattern(dash=2, gap=2)
        for c in range(1, COLS):
            pdf.line(c * CARD_W, 0, c * CARD_W, PAGE_H)
        for r in range(1, ROWS):
            pdf.line(0, r * CARD_H, PAGE_W, r * CARD_H)


def _card(pdf: _CardPDF, x: float, y: float, card: Card, event_title: str, join_base: str,
          group_labels: dict[str, str]) -> None:
    t = pdf.text_for_font
    url = card_url(join_base, card.token)
    pdf.image(io.BytesIO(qr_png(url, scale=6, border=2)), x=x + PAD - 2, y=y + PAD, w=QR_SIZE, h=QR_SIZE)
    tx = x + PAD + QR_SIZE + 1
    tw = x + CARD_W - PAD - tx
    pdf.set_xy(tx, y + PAD + 1)
    pdf.set_font(pdf.family_name, "B", 11)
    pdf.multi_cell(tw, 4.8, t(event_title), align="L", new_x="LEFT", new_y="NEXT")
    pdf.ln(1.5)
    pdf.set_font(pdf.family_name, "", 10)
    for line in (group_labels.get(card.grp, card.grp), card.unit):
        if line:
            pdf.set_x(tx)
            pdf.multi_cell(tw, 4.6, t(line), align="L", new_x="LEFT", new_y="NEXT")
    if card.table_no is not None:
        pdf.set_x(tx)
        pdf.set_font(pdf.family_name, "B", 14)
        pdf.cell(tw, 7, t(f"Bord {card.table_no}"), new_x="LEFT", new_y="NEXT")
    # Instructions under the QR code, the link in small print for a phone without a camera.
    pdf.set_font(pdf.family_name, "", 8)
    pdf.set_xy(x + PAD, y + PAD + QR_SIZE + 1.5)
    pdf.multi_cell(CARD_W - 2 * PAD, 3.5, t(INSTRUCTIONS), align="L", new_x="LEFT", new_y="NEXT")
    pdf.set_font(pdf.family_name, "", 6)
    pdf.set_text_color(90, 90, 90)
    pdf.set_xy(x + PAD, y + CARD_H - PAD - 2.5)
    number = f"Kort {card.number} · " if card.number is not None else ""
    pdf.cell(CARD_W - 2 * PAD, 2.5, t(number + url))
    pdf.set_text_color(0, 0, 0)


def cards_pdf(event_title: str, join_base: str, cards: list[Card],
              progress: Callable[[int, int], None] | None = None,
              group_labels: dict[str, str] | None = None) -> bytes:
    """A4 pages with eight cards each; ``progress(done, total)`` after every page."""
    labels = group_labels or GROUPS
    pdf = _CardPDF()
    pdf.set_title(f"Deltagerkort – {event_title}")
    pdf.set_creator("Visionsdag")
    total = len(cards)
    for start in range(0, total, CARDS_PER_PAGE):
        pdf.add_page()
        _cut_lines(pdf)
        for i, card in enumerate(cards[start:start + CARDS_PER_PAGE]):
            col, row = i % COLS, i // COLS
            _card(pdf, col * CARD_W, row * CARD_H, card, event_title, join_base, labels)
        if progress:
            progress(min(start + CARDS_PER_PAGE, total), total)
    return bytes(pdf.output())
