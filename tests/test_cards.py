"""The printed QR cards: A4 pages of eight, one QR per token that a phone camera reads
as that participant's personal join link."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from pypdf import PdfReader

from vision import events, participants
from vision.cards import CARDS_PER_PAGE, Card, card_url, cards_pdf

BASE = "https://visionsdag.example.dk/?e=VISION20"


def decoded_qr_texts(page) -> list[str]:
    texts = []
    for image in page.images:
        found = zxingcpp.read_barcodes(image.image.convert("L"))
        assert len(found) == 1, f"image {image.name} holds {len(found)} readable QR codes"
        texts.append(found[0].text)
    return texts


def test_card_url_appends_the_token_to_the_join_link():
    assert card_url(BASE, "abc") == BASE + "&t=abc"
    assert card_url("https://x.dk/", "abc") == "https://x.dk/?t=abc"


@pytest.mark.parametrize("n, pages", [(1, 1), (8, 1), (9, 2), (17, 3)])
def test_pages_hold_eight_cards_each(n, pages):
    cards = [Card(f"token-{i:02d}-abcdefghijklmnop", "politiker", "Aalborg", 1, i + 1) for i in range(n)]
    reader = PdfReader(io.BytesIO(cards_pdf("Visionsdag", BASE, cards)))
    assert len(reader.pages) == pages
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)  # A4


def test_every_generated_token_has_one_decodable_qr_with_its_join_url(store):
    event = events.get_event(store, "VISION20")
    specs = [("politiker", "Aalborg", 1), ("embedsmand", "Hjørring", 2), ("brugerorganisation", None, None)] * 4
    progress = []
    tokens = participants.generate_tokens(store, "anna", event.id, specs)
    issued = participants.preset_tokens(store, event.id)
    cards = [Card(tok, grp, unit, table, n) for n, (tok, grp, unit, table, _rev) in enumerate(issued, 1)]
    data = cards_pdf(event.title, BASE, cards, progress=lambda done, total: progress.append((done, total)))

    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2 == -(-len(tokens) // CARDS_PER_PAGE)
    per_page = [decoded_qr_texts(p) for p in reader.pages]
    assert [len(t) for t in per_page] == [8, 4]
    assert [t for page in per_page for t in page] == [f"{BASE}&t={tok}" for tok in tokens]
    assert progress == [(8, 12), (12, 12)]
    # The group, municipality and table are printed next to the code; no other person data exists.
    first = reader.pages[0].extract_text()
    assert "Politiker" in first and "Aalborg" in first and "Bord 1" in first and "Hjørring" in first
    assert "Scan QR-koden" in first


def test_titles_with_typographic_dashes_and_quotes_render():
    data = cards_pdf("Visionsdag – “Nærhed” … 2026", BASE, [Card("t" * 22, "andet", "Læsø", None, 1)])
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Nærhed" in text and "Læsø" in text


def test_without_a_unicode_font_the_core_font_is_used_and_danish_letters_survive(monkeypatch):
    import vision.cards as cards_module

    monkeypatch.setattr(cards_module, "_FONT_DIRS", ())
    data = cards_pdf("Visionsdag – Nærhed", BASE, [Card("t" * 22, "politiker", "Brønderslev", 4, 1)])
    reader = PdfReader(io.BytesIO(data))
    text = reader.pages[0].extract_text()
    assert "Visionsdag - Nærhed" in text and "Brønderslev" in text
    assert decoded_qr_texts(reader.pages[0]) == [BASE + "&t=" + "t" * 22]
