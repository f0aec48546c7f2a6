"""Reading organisers' spreadsheets: draft visions and participant-card orders.

Both come as CSV (UTF-8, UTF-8 with BOM or Windows-1252; separated by ``;`` or
``,`` as Danish Excel writes them) or XLSX. A file is read completely and checked
before anything is stored: one bad row rejects the whole file, and every problem is
named with its row number as the organiser sees it in Excel (the header is row 1).
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field

from vision import results
from vision.errors import UserError
from vision.events import clean_text
from vision.model import DRAFT_MAX_CHARS, GROUPS
from vision.store import Store
from vision.store import queries as q

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DRAFTS = 500
MAX_CARDS = 2000
LABEL_MAX_CHARS = 80
MAX_PROBLEMS_SHOWN = 20


class ImportRejected(UserError):
    """A file with problems in its rows; ``problems`` lists each one (a UserError)."""

    def __init__(self, problems: list[UserError]):
        self.problems = problems
        super().__init__("Filen blev ikke importeret, fordi {n} rækker har fejl. Ret dem, og prøv igen.",
                         n=len(problems))


@dataclass(frozen=True)
class Table:
    """The cells of a file: a header and the data rows, with the row number each came from."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    encoding: str | None = None
    separator: str | None = None


@dataclass
class DraftImport:
    rows: list[tuple[int, str, str | None]]  # (row number, text, label)
    ignored_columns: list[str] = field(default_factory=list)
    encoding: str | None = None
    separator: str | None = None


# -- reading a file into cells -------------------------------------------------------------
def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise UserError("Filen er gemt som UTF-16 (\"Unicode-tekst\") eller er ikke en tekstfil. "
                        "Gem den i Excel som \"CSV UTF-8 (kommasepareret)\" eller som Excel-projektmappe "
                        "(.xlsx), og prøv igen.")
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        return data[3:].decode("utf-8") if bom else data.decode("utf-8"), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError as exc:
        if bom:
            raise UserError("Filen siger, at den er UTF-8, men linje {line} indeholder en byte ({byte}), "
                            "som ikke er gyldig UTF-8. Gem filen igen som \"CSV UTF-8\", og prøv igen.",
                            byte=f"0x{data[3 + exc.start]:02X}", line=data[:3 + exc.start].count(b"\n") + 1) from None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise UserError("Filens tegnkodning kan ikke læses: linje {line} indeholder en byte ({byte}), som "
                        "hverken er UTF-8 eller Windows-1252. Gem filen som \"CSV UTF-8\", og prøv igen.",
                        byte=f"0x{data[exc.start]:02X}", line=data[:exc.start].count(b"\n") + 1) from None
    bad = next((ch for ch in text if ord(ch) < 32 and ch not in "\t\r\n"), None)
    if bad is not None:
        raise UserError("Filen indeholder styretegn og er ikke en CSV-fil, vi kan læse. Gem den som "
                        "\"CSV UTF-8\" eller .xlsx, og prøv igen.")
    return text, "cp1252"


def _read_csv(data: bytes) -> Table:
    text, encoding = _decode(data)
    text = text.lstrip("\ufeff")
    first_line = text.splitlines()[0] if text.strip() else ""
    # Danish Excel separates with ';'. A one-column file has no separator at all: read
    # each line whole (a unit separator never occurs in text that passed _decode).
    sep = next((s for s in (";", ",", "\t") if s in first_line), "\x1f")
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    except csv.Error as exc:
        raise UserError("CSV-filen kan ikke læses: {detail}. Tjek anførselstegnene i filen.",
                        detail=str(exc)) from None
    return _table(records, encoding, None if sep == "\x1f" else sep)


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise UserError("Filen kan ikke åbnes som Excel-projektmappe (.xlsx). Er den gemt i et andet format?") \
            from None
    try:
        sheet = book.worksheets[0]
        records = [["" if v is None else _cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    return _table(records, None, None)


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table(records: list[list[str]], encoding: str | None, sep: str | None) -> Table:
    numbered = [(i, [c.strip() for c in r]) for i, r in enumerate(records, start=1)]
    numbered = [(i, r) for i, r in numbered if any(r)]
    if not numbered:
        raise UserError("Filen er tom.")
    header_no, header = numbered[0]
    return Table([h.lower() for h in header], numbered[1:], encoding, sep)


def read_table(data: bytes, filename: str) -> Table:
    """The cells of an uploaded CSV or XLSX file, or a UserError that names the problem."""
    name = (filename or "").lower()
    if not data:
        raise UserError("Filen er tom.")
    if len(data) > MAX_FILE_BYTES:
        raise UserError("Filen er for stor ({mb} MB). Højst 2 MB.", mb=f"{len(data) / 1024 / 1024:.1f}")
    if name.endswith(".xlsx") or data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data)
    if name.endswith(".xls"):
        raise UserError("Gamle Excel-filer (.xls) kan ikke læses. Gem filen som .xlsx eller CSV, og prøv igen.")
    return _read_csv(data)


def _columns(table: Table, required: tuple[str, ...], optional: tuple[str, ...]) -> dict[str, int]:
    names = [h for h in table.header]
    dupes = sorted({h for h in names if h and names.count(h) > 1})
    if dupes:
        raise UserError("Kolonnen '{col}' står der mere end én gang i første række.", col=dupes[0])
    missing = [c for c in required if c not in names]
    if missing:
        found = ", ".join(f"'{h}'" for h in names if h) or "ingen"
        sep = {";": " (adskilt med semikolon)", ",": " (adskilt med komma)", "\t": " (adskilt med tabulator)"}
        raise UserError("Filen mangler kolonnen '{col}'. Første række skal være overskrifter: {wanted}. "
                        "Fundet{how}: {found}.", col=missing[0],
                        wanted=", ".join([f"'{c}'" for c in required] + [f"'{c}' (valgfri)" for c in optional]),
                        how=sep.get(table.separator or "", ""), found=found)
    return {c: names.index(c) for c in (*required, *optional) if c in names}


def _cell(row: list[str], index: int | None) -> str:
    return row[index] if index is not None and index < len(row) else ""


def _reject_if(problems: list[UserError]) -> None:
    if problems:
        raise ImportRejected(problems[:MAX_PROBLEMS_SHOWN])


# -- drafts ----------------------------------------------------------------------------------
def parse_drafts(data: bytes, filename: str) -> DraftImport:
    """Draft visions from a file with the columns ``tekst`` and (optional) ``etiket``."""
    table = read_table(data, filename)
    cols = _columns(table, ("tekst",), ("etiket",))
    rows, problems = [], []
    for row_no, cells in table.rows:
        raw_text = _cell(cells, cols["tekst"])
        raw_label = _cell(cells, cols.get("etiket"))
        try:
            text = clean_text(raw_text, 10 * DRAFT_MAX_CHARS + len(raw_text))
        except UserError:
            problems.append(UserError("Række {row}: kolonnen 'tekst' er tom.", row=row_no))
            continue
        if len(text) > DRAFT_MAX_CHARS:
            problems.append(UserError("Række {row}: teksten har {n} tegn; et forslag må højst have {max} tegn.",
                                      row=row_no, n=len(text), max=DRAFT_MAX_CHARS))
            continue
        label = clean_text(raw_label, 10 ** 6) if raw_label.strip() else None
        if label and len(label) > LABEL_MAX_CHARS:
            problems.append(UserError("Række {row}: etiketten har {n} tegn; højst {max}.",
                                      row=row_no, n=len(label), max=LABEL_MAX_CHARS))
            continue
        rows.append((row_no, text, label))
    _reject_if(problems)
    if not rows:
        raise UserError("Filen har overskrifter, men ingen forslag under dem.")
    if len(rows) > MAX_DRAFTS:
        raise UserError("Filen har {n} forslag; der kan højst importeres {max} ad gangen.", n=len(rows),
                        max=MAX_DRAFTS)
    ignored = [h for i, h in enumerate(table.header) if h and i not in cols.values()]
    return DraftImport(rows, ignored, table.encoding, table.separator)


def import_drafts(store: Store, actor: str, event_id: int, parsed: DraftImport, approved: bool = True) -> int:
    """Store every row of a checked file in one transaction (all or nothing)."""
    status = "approved" if approved else "pending"

    def job(cur):
        for _row, text, label in parsed.rows:
            q.insert_draft(cur, event_id, text, label, "import", status)
        q.audit(cur, actor, "import_drafts", event_id, str(len(parsed.rows)))
        return len(parsed.rows)

    done = store.write(job, event_id=event_id)
    results.invalidate(event_id)
    return done


# -- participant cards -----------------------------------------------------------------------
_GROUP_NAMES = {**{k: k for k in GROUPS}, **{v.lower(): k for k, v in GROUPS.items()},
                "politikere": "politiker", "embedsmænd": "embedsmand", "brugerorganisationer": "brugerorganisation"}


def parse_card_order(data: bytes, filename: str, units: list[str]) -> list[tuple[str, str | None, int | None]]:
    """Card specs (group, unit, table) from a file with ``gruppe``, ``kommune``, ``bord``, ``antal``.

    ``antal`` (default 1) repeats a row; ``bord`` is optional.
    """
    table = read_table(data, filename)
    cols = _columns(table, ("gruppe", "kommune"), ("bord", "antal"))
    by_lower = {u.lower(): u for u in units}
    specs: list[tuple[str, str | None, int | None]] = []
    problems: list[UserError] = []
    for row_no, cells in table.rows:
        grp = _GROUP_NAMES.get(_cell(cells, cols["gruppe"]).lower())
        if grp is None:
            problems.append(UserError("Række {row}: gruppen '{value}' er ukendt. Brug {allowed}.", row=row_no,
                                      value=_cell(cells, cols["gruppe"])[:40], allowed=", ".join(GROUPS)))
            continue
        unit_raw = _cell(cells, cols["kommune"])
        unit = by_lower.get(unit_raw.lower())
        if unit is None:
            problems.append(UserError("Række {row}: '{value}' er ikke på begivenhedens liste over kommuner og "
                                      "organisationer.", row=row_no, value=unit_raw[:60]))
            continue
        numbers = {}
        for name, default, low, high in (("bord", None, 1, 999), ("antal", 1, 1, MAX_CARDS)):
            raw = _cell(cells, cols.get(name))
            if not raw:
                numbers[name] = default
                continue
            try:
                value = int(float(raw.replace(",", ".")))
            except ValueError:
                value = None
            if value is None or not low <= value <= high:
                problems.append(UserError("Række {row}: '{col}' skal være et helt tal fra {low} til {high} "
                                          "(der står '{value}').", row=row_no, col=name, low=low, high=high,
                                          value=raw[:20]))
                break
            numbers[name] = value
        else:
            specs.extend([(grp, unit, numbers["bord"])] * numbers["antal"])
    _reject_if(problems)
    if not specs:
        raise UserError("Filen har overskrifter, men ingen kort under dem.")
    if len(specs) > MAX_CARDS:
        raise UserError("Filen bestiller {n} kort; højst {max} ad gangen.", n=len(specs), max=MAX_CARDS)
    return specs
