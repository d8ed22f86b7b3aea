"""Data shipped inside Yishi: fonts, icons, translations.

Installed as the package `desktop.resources` (pyproject's package-dir), so the code reads
them through `importlib.resources` wherever Yishi is installed, checkout or not.
"""
