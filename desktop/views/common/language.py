"""The language of the window (中文 or English), chosen in 设置: remembered per user
(QSettings, not the database, like the text size) and applied by `desktop.app` at the next
start. Switching a running window would mean rebuilding every page with its typed input, so
the choice waits for a restart, and the settings page says so."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QTranslator

from desktop.paths import resources_dir
from desktop.views.common import remember

KEY = "appearance/language"
TRANSLATIONS_DIR = resources_dir() / "translations"
# Set on the application by desktop.app.load_translations: the language installed now.
RUNNING_PROPERTY = "yishiLanguage"


class Language(StrEnum):
    """The locale names desktop.app loads catalogues for (qtbase_<value>, yishi_<value>)."""

    CHINESE = "zh_CN"
    ENGLISH = "en"


DEFAULT = Language.CHINESE


def saved_language() -> Language:
    """The language chosen in 设置; Chinese when none was, or the stored value is not one
    of ours (edited by hand, left by another version, damaged)."""
    value = remember.settings().value(KEY)
    try:
        return Language(str(value))
    except ValueError:
        return DEFAULT


def choose_language(language: Language) -> None:
    """Remembered for the next start; the running window keeps its language."""
    remember.settings().setValue(KEY, language.value)


def running_language() -> Language:
    """The language the window speaks now (the default before translations are loaded)."""
    app = QCoreApplication.instance()
    value = app.property(RUNNING_PROPERTY) if app is not None else None
    try:
        return Language(str(value))
    except ValueError:
        return DEFAULT


def translated_in(language: Language, context: str, source: str) -> str:
    """`source` (English, as in the code) in `language`, whatever language is installed now:
    a message about a choice is also said in the language chosen."""
    if language is Language.ENGLISH:
        return source
    translator = QTranslator()
    if not translator.load(f"yishi_{language.value}", str(TRANSLATIONS_DIR)):
        return source
    return translator.translate(context, source) or source
