"""Draft and card-order import: what an organiser's spreadsheet gives, and the exact
Danish message for each way a file can be wrong (nothing is imported then)."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from vision import events
from vision.errors import UserError
from vision.imports import ImportRejected, import_drafts, parse_card_order, parse_drafts
from vision.model import DRAFT_MAX_CHARS

VISION = "Alle borgere skal have mulighed for at leve et så selvstændigt liv som muligt"


def xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def drafts_of(store, code="VISION20"):
    event = events.get_event(store, code)
    return event, events.drafts(store, event.id, ("approved", "pending", "hidden"))


# -- happy paths --------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("sep", [";", ","])
def test_csv_in_each_encoding_and_separator_keeps_danish_letters(encoding, sep):
    text = f"tekst{sep}etiket\r\n\"{VISION}, uanset bopæl\"{sep}Bord 1\r\nNærhed og høj specialisering{sep}\r\n"
    parsed = parse_drafts(text.encode(encoding), "forslag.csv")
    assert parsed.rows == [(2, f"{VISION}, uanset bopæl", "Bord 1"), (3, "Nærhed og høj specialisering", None)]
    assert parsed.encoding == encoding
    assert parsed.separator == sep


def test_one_column_csv_keeps_commas_in_text():
    parsed = parse_drafts("Tekst\nVi vil, vi kan, vi gør det\n\n".encode(), "f.csv")
    assert parsed.rows == [(2, "Vi vil, vi kan, vi gør det", None)]


def test_xlsx_with_extra_column_reports_it_and_skips_blank_rows():
    data = xlsx([["Tekst", "Etiket", "Kommentar"], [VISION, "A", "intern note"], [None, None, None],
                 ["Et træ til alle", None, None]])
    parsed = parse_drafts(data, "forslag.xlsx")
    assert parsed.rows == [(2, VISION, "A"), (4, "Et træ til alle", None)]
    assert parsed.ignored_columns == ["kommentar"]


def test_import_stores_every_row_as_imported_drafts(store):
    event, before = drafts_of(store)
    parsed = parse_drafts(f"tekst;etiket\n{VISION};Bord 2\nEt træ til alle;\n".encode(), "f.csv")
    assert import_drafts(store, "anna", event.id, parsed, approved=False) == 2
    _, after = drafts_of(store)
    new = after[len(before):]
    assert [(d.text, d.label, d.source, d.status) for d in new] == [
        (VISION, "Bord 2", "import", "pending"), ("Et træ til alle", None, "import", "pending")]
    assert events.audit_log(store, event.id)[0][1:3] == ("anna", "import_drafts")


# -- each failure: exact message, nothing imported -------------------------------------------------
def test_wrong_columns_name_the_missing_column_and_what_was_found():
    with pytest.raises(UserError) as err:
        parse_drafts("forslag;gruppe\nEt træ til alle;A\n".encode(), "f.csv")
    assert str(err.value) == ("Filen mangler kolonnen 'tekst'. Første række skal være overskrifter: 'tekst', "
                              "'etiket' (valgfri). Fundet (adskilt med semikolon): 'forslag', 'gruppe'.")


def test_utf16_file_is_refused_with_how_to_save_it():
    with pytest.raises(UserError) as err:
        parse_drafts("tekst\nEt træ til alle\n".encode("utf-16"), "f.csv")
    assert str(err.value) == ("Filen er gemt som UTF-16 (\"Unicode-tekst\") eller er ikke en tekstfil. Gem den i "
                              "Excel som \"CSV UTF-8 (kommasepareret)\" eller som Excel-projektmappe (.xlsx), "
                              "og prøv igen.")


def test_bytes_that_are_neither_utf8_nor_cp1252_are_named_with_their_line():
    data = "tekst\nfint\n".encode() + b"Et tr\x81 til alle\n"
    with pytest.raises(UserError) as err:
        parse_drafts(data, "f.csv")
    assert str(err.value) == ("Filens tegnkodning kan ikke læses: linje 3 indeholder en byte (0x81), som hverken "
                              "er UTF-8 eller Windows-1252. Gem filen som \"CSV UTF-8\", og prøv igen.")


def test_broken_utf8_after_a_bom_names_the_line():
    data = b"\xef\xbb\xbftekst\n" + "Nærhed".encode("cp1252") + b"\n"
    with pytest.raises(UserError) as err:
        parse_drafts(data, "f.csv")
    assert str(err.value) == ("Filen siger, at den er UTF-8, men linje 2 indeholder en byte (0xE6), som ikke er "
                              "gyldig UTF-8. Gem filen igen som \"CSV UTF-8\", og prøv igen.")


@pytest.mark.parametrize("data", [b"", b"\n\n  \n", "\ufeff".encode("utf-8-sig")])
def test_empty_file(data):
    with pytest.raises(UserError) as err:
        parse_drafts(data, "f.csv")
    assert str(err.value) == "Filen er tom."


def test_header_without_rows():
    with pytest.raises(UserError) as err:
        parse_drafts(b"tekst;etiket\n", "f.csv")
    assert str(err.value) == "Filen har overskrifter, men ingen forslag under dem."


def test_too_long_and_empty_texts_are_named_by_row_and_nothing_is_imported(store):
    long_text = "x" * (DRAFT_MAX_CHARS + 12)
    data = f"tekst;etiket\nGod vision;A\n{long_text};B\n;C\nOgså god;D\n".encode()
    with pytest.raises(ImportRejected) as err:
        parse_drafts(data, "f.csv")
    assert str(err.value) == "Filen blev ikke importeret, fordi 2 rækker har fejl. Ret dem, og prøv igen."
    assert [str(p) for p in err.value.problems] == [
        f"Række 3: teksten har {DRAFT_MAX_CHARS + 12} tegn; et forslag må højst have {DRAFT_MAX_CHARS} tegn.",
        "Række 4: kolonnen 'tekst' er tom."]


def test_not_an_xlsx():
    with pytest.raises(UserError) as err:
        parse_drafts(b"PK\x03\x04 not really a zip", "f.xlsx")
    assert str(err.value) == "Filen kan ikke åbnes som Excel-projektmappe (.xlsx). Er den gemt i et andet format?"


def test_duplicate_header():
    with pytest.raises(UserError) as err:
        parse_drafts(xlsx([["tekst", "Tekst"], ["a", "b"]]), "f.xlsx")
    assert str(err.value) == "Kolonnen 'tekst' står der mere end én gang i første række."


# -- card orders --------------------------------------------------------------------------------
UNITS = ["Aalborg", "Hjørring", "Region Nordjylland"]


def test_card_order_repeats_rows_by_count_and_accepts_danish_group_names():
    data = "gruppe;kommune;bord;antal\nPolitiker;aalborg;3;2\nembedsmand;Region Nordjylland;;\n".encode("cp1252")
    assert parse_card_order(data, "kort.csv", UNITS) == [
        ("politiker", "Aalborg", 3), ("politiker", "Aalborg", 3), ("embedsmand", "Region Nordjylland", None)]


def test_card_order_names_each_bad_row():
    data = "gruppe,kommune,bord,antal\nborgmester,Aalborg,1,1\npolitiker,Aarhus,1,1\npolitiker,Aalborg,x,1\n"
    with pytest.raises(ImportRejected) as err:
        parse_card_order(data.encode(), "kort.csv", UNITS)
    assert [str(p) for p in err.value.problems] == [
        "Række 2: gruppen 'borgmester' er ukendt. Brug politiker, embedsmand, brugerorganisation, andet.",
        "Række 3: 'Aarhus' er ikke på begivenhedens liste over kommuner og organisationer.",
        "Række 4: 'bord' skal være et helt tal fra 1 til 999 (der står 'x')."]
