"""The printing code uses public reportlab API only, so a reportlab upgrade cannot break it."""

from __future__ import annotations

import ast
from pathlib import Path

import desktop

# Modules whose names are reportlab's own machinery, documented nowhere (cjkU,
# makeCJKParaLine, ParaLines, ParaParser …), even though they carry no underscore.
INTERNAL_MODULES = {"reportlab.platypus.paragraph", "reportlab.platypus.paraparser"}


def _reportlab_imports() -> list[tuple[str, str, str]]:
    found = []
    for path in Path(desktop.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reportlab"):
                found += [(path.name, node.module or "", alias.name) for alias in node.names]
            elif isinstance(node, ast.Import):
                found += [
                    (path.name, alias.name, "")
                    for alias in node.names
                    if alias.name.startswith("reportlab")
                ]
    return found


def test_no_private_or_undocumented_reportlab_names_are_imported() -> None:
    imports = _reportlab_imports()
    assert imports  # the scan sees the printing code at all
    for where, module, name in imports:
        assert module not in INTERNAL_MODULES, (where, module, name)
        assert not any(part.startswith("_") for part in [*module.split("."), name]), (
            where,
            module,
            name,
        )
