"""The interface is Danish by default and fully available in English."""

from __future__ import annotations

import ast
from pathlib import Path

from vision.i18n import LANGUAGES, catalog, gettext

ROOT = Path(__file__).resolve().parent.parent
ERRORS = {"UserError", "RuleError", "NotFoundError", "RateLimitedError"}
MESSAGE_ARG = {"show_receipt": 1}  # helpers that translate a message they are given


def ui_strings() -> dict[str, str]:
    """Every Danish string passed to _() or N_() or raised as a user error, with where it is."""
    found: dict[str, str] = {}
    files = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "vision").rglob("*.py"))]
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            fn = node.func
            name = fn.id if isinstance(fn, ast.Name) else getattr(fn, "attr", None)
            position = MESSAGE_ARG.get(name, 0 if name in ("_", "N_") or name in ERRORS else None)
            if position is None or len(node.args) <= position:
                continue
            arg = node.args[position]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.setdefault(arg.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_danish_is_the_default_and_returns_the_source_text():
    assert gettext("Runden er lukket. Dit svar blev ikke gemt.") == "Runden er lukket. Dit svar blev ikke gemt."
    assert list(LANGUAGES)[0] == "da"


def test_every_interface_string_has_an_english_translation():
    catalog.cache_clear()
    english = catalog("en")
    missing = {s: where for s, where in ui_strings().items() if s not in english}
    assert not missing, "\n".join(f"{where}: {s!r}" for s, where in sorted(missing.items(), key=lambda x: x[1]))


def test_each_message_has_one_translation_across_the_catalogs():
    """The catalogs are merged; a message translated two ways in two of them would show
    whichever file sorts last, wherever the message is used."""
    from babel.messages.pofile import read_po

    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for path in sorted((ROOT / "vision" / "i18n" / "en").glob("*.po")):
        with path.open("rb") as fh:
            for m in read_po(fh, locale="en"):
                if m.id and m.string:
                    first = seen.setdefault(m.id, (path.name, m.string))
                    if first[1] != m.string:
                        clashes.append(f"{m.id!r}: {first} and {(path.name, m.string)}")
    assert not clashes, clashes


def test_translations_keep_their_placeholders():
    import string

    fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}  # noqa: E731
    bad = [k for k, v in catalog("en").items() if fields(k) != fields(v)]
    assert not bad, bad
