"""The few colours and the main window's style sheet, in one place."""

from __future__ import annotations

# The programme's red (政协 documents and signs), used sparingly for accents and selection.
ACCENT = "#b3261e"
ACCENT_HOVER = "#c9362c"
# What is late (an outcome past its deadline, an absent member): the accent's red.
OVERDUE = ACCENT
# Faded, so a primary button that cannot be pressed no longer looks like the one to press.
ACCENT_DISABLED = "#dcb4b0"
TEXT = "#2b2e33"
MUTED_TEXT = "#5f6368"
MUTED_ICON = "#9aa0a6"
SIDEBAR_BACKGROUND = "#f4f1ec"
SIDEBAR_HOVER = "#e8e3db"
SIDEBAR_ICON = "#4a4f57"
SIDEBAR_SELECTED_ICON = "#ffffff"
CARD_BACKGROUND = "#ffffff"
CARD_BORDER = "#e2ddd5"
PAGE_BACKGROUND = "#faf9f7"
# A notice that stops part of the work (damaged sync keys): the accent's red, faded.
WARNING_BACKGROUND = "#fcefed"
WARNING_BORDER = "#eab8b3"

STYLE_SHEET = f"""
#sidebarPanel {{ background: {SIDEBAR_BACKGROUND}; border-right: 1px solid {CARD_BORDER}; }}
#sidebar {{ background: transparent; border: none; outline: 0; }}
#sidebar::item {{ color: {TEXT}; padding: 8px 10px; margin: 1px 8px; border-radius: 6px; }}
#sidebar::item:hover:!selected {{ background: {SIDEBAR_HOVER}; }}
#sidebar::item:selected {{ background: {ACCENT}; color: #ffffff; }}
#pageColumn, #pages, #pages > QWidget {{ background: {PAGE_BACKGROUND}; }}
#figureCard {{
    background: {CARD_BACKGROUND}; border: 1px solid {CARD_BORDER}; border-radius: 8px;
}}
#mutedText {{ color: {MUTED_TEXT}; }}
#warningBanner {{
    background: {WARNING_BACKGROUND}; border: 1px solid {WARNING_BORDER}; border-radius: 8px;
}}
#warningBanner QLabel {{ color: {TEXT}; background: transparent; border: none; }}
#warningBanner QLabel#warningTitle {{ color: {ACCENT}; font-weight: bold; }}
#primaryButton {{
    background: {ACCENT}; color: #ffffff; border: none; border-radius: 6px; padding: 7px 22px;
}}
#primaryButton:hover {{ background: {ACCENT_HOVER}; }}
#primaryButton:disabled {{ background: {ACCENT_DISABLED}; color: #fbf3f2; }}
"""
