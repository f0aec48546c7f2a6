"""Loading source data files (YAML) with schema validation and precise errors.

Every data file under ``data/`` is validated by a pydantic model when it is loaded.
An error names the file, the line and the field, in Danish, because it is shown to
the secretariat that edited the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


class FieldValueError(ValueError):
    """Raised by a model validator to point at a node below the validated one.

    ``loc`` is relative to the model that raises it, e.g. ``("relations", 3, "to")``
    from a model-level validator, so the error names that item's line and field
    instead of the parent's. Its ``str()`` is the Danish message.
    """

    def __init__(self, message: str, loc: tuple[Any, ...] = ()):
        super().__init__(message)
        self.loc = tuple(loc)


class DataFileError(ValueError):
    """A data file that cannot be used. ``str()`` is a Danish message for the user."""

    def __init__(self, file: str, line: int | None, field: str | None, message: str):
        self.file = file
        self.line = line
        self.field = field
        self.message = message
        where = file
        if line is not None:
            where += f", linje {line}"
        if field:
            where += f", felt '{field}'"
        super().__init__(f"{where}: {message}")


def _node_for(root: yaml.Node | None, loc: tuple[Any, ...]) -> yaml.Node | None:
    """Follow a pydantic error location through the YAML node tree."""
    node = root
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for key, value in node.value:
                if key.value == str(part):
                    nxt = value
                    break
            if nxt is None:
                return node
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return node
            node = node.value[part]
        else:
            return node
    return node


_PYDANTIC_DA = {
    "missing": "feltet mangler",
    "extra_forbidden": "ukendt felt",
    "date_from_datetime_parsing": "ugyldig dato",
    "date_parsing": "ugyldig dato",
    "date_from_datetime_inexact": "ugyldig dato",
    "date_type": "ugyldig dato",
    "string_type": "skal være tekst",
    "int_parsing": "skal være et heltal",
    "int_type": "skal være et heltal",
    "list_type": "skal være en liste",
    "dict_type": "skal være en samling af felter",
    "model_type": "skal være en samling af felter",
    "literal_error": "ugyldig værdi",
    "enum": "ugyldig værdi",
    "string_too_short": "må ikke være tom",
    "string_too_long": "er for lang",
    "greater_than_equal": "er for lille",
    "less_than_equal": "er for stor",
}


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader (libyaml's, about ten times faster, where PyYAML has it) that keeps an
    impossible date (``2020-02-30``) as text.

    PyYAML raises a bare ``ValueError`` without a position for such a value; kept as
    text, the model's date field reports it with its line and field instead.
    """

    def construct_yaml_timestamp(self, node):  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def parse_yaml(text: str, model: type[M], file: str) -> M:
    """Parse YAML ``text`` into ``model``; raise :class:`DataFileError` on any problem."""
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        raise DataFileError(file, line, None, f"filen er ikke gyldig YAML ({exc.problem})") from exc
    except yaml.YAMLError as exc:
        raise DataFileError(file, None, None, "filen er ikke gyldig YAML") from exc
    if data is None:
        raise DataFileError(file, None, None, "filen er tom")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err.get("loc", ()))
        ctx_err = err.get("ctx", {}).get("error") if err.get("ctx") else None
        if isinstance(ctx_err, FieldValueError):
            loc = loc + ctx_err.loc
        node = _node_for(yaml.compose(text, Loader=yaml.SafeLoader), loc)   # for the line, on error only
        line = node.start_mark.line + 1 if node is not None else None
        field = ".".join(str(p) for p in loc) or None
        # A validator's own exception carries a Danish message; pydantic's built-in
        # checks put English detail text in ctx, so those are mapped by type instead.
        if isinstance(ctx_err, Exception):
            message = str(ctx_err)
        else:
            message = _PYDANTIC_DA.get(err["type"], err["msg"])
        raise DataFileError(file, line, field, message) from exc


def load_yaml(path: Path, model: type[M]) -> M:
    """Read and validate one YAML file; the error names the file by its name."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(path.name, None, None, "filen er ikke UTF-8-kodet") from exc
    return parse_yaml(text, model, path.name)
