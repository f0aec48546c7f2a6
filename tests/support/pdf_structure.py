"""A tagged PDF's structure tree, read with pypdf, for the tests of the documents the app
makes (the committee paper, the review's report)."""

from __future__ import annotations

from pypdf import PdfReader


def structure(pdf: PdfReader) -> list[tuple[str, str | None]]:
    """The structure tree as (standard role, alternative text) in reading order: a role of
    the producer's own ("Standard") is read through the tree's role map ("P")."""
    tree = pdf.trailer["/Root"]["/StructTreeRoot"]
    roles = {str(k): str(v) for k, v in tree.get("/RoleMap", {}).items()}
    found: list[tuple[str, str | None]] = []

    def walk(node) -> None:
        node = node.get_object()
        if not hasattr(node, "get"):
            return                        # a marked-content reference: text, not structure
        if node.get("/S") is not None:
            found.append((roles.get(str(node["/S"]), str(node["/S"])).lstrip("/"),
                          str(node["/Alt"]) if "/Alt" in node else None))
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, list) else [kids] if kids is not None else []):
            walk(kid)

    walk(tree)
    return found
