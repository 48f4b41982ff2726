"""The language of the interface: which one, and installing its translators.

The language is chosen once at start-up, in this order: one given explicitly (``--lang``), the
user's choice on the Settings page (QSettings key ``language``), the system's preferred
interface languages (any Chinese one gives Chinese), English. Installing it loads our catalogue
(``resources/translations/coop_desktop_<code>.qm``) and Qt's own (``qtbase_<code>.qm``, for the
buttons, file dialogs and context menus Qt draws), makes a translated language's locale the
default one where the system's differs (calendar pop-ups, number formats) and sets the language
of the domain's error sentences to match. A change in Settings applies at the next start.

Language codes are the suffixes of the translation files: ``zh_CN`` and ``en``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from coop_desktop import paths
from coop_desktop.domain import i18n
from coop_desktop.settings import LANGUAGE

log = logging.getLogger(__name__)

#: The QSettings key holding the user's choice; absent means "as the system".
LANGUAGE_KEY = LANGUAGE.key
CATALOGUE = "coop_desktop"
#: The language the source strings are written in: it needs no translation to work.
SOURCE_LANGUAGE = "en"
#: The first language of the program, listed first.
FIRST_LANGUAGE = "zh_CN"
#: Each language's name in itself, as a language menu shows it.
_NATIVE_NAMES = {"zh_CN": "简体中文", "en": "English"}


@dataclass(frozen=True)
class Language:
    code: str  # the suffix of the translation files: "zh_CN", "en"
    name: str  # its name in itself: "简体中文", "English"


@dataclass
class _Installed:
    translators: list[QTranslator]
    language: str
    previous_locale: QLocale
    previous_domain_language: str


_installed: _Installed | None = None


def translations_dir() -> Path:
    return paths.resources_dir() / "translations"


def available_languages() -> list[Language]:
    """The languages the program can show: English (the source) and each language whose
    catalogue ships; Chinese first."""
    codes = {SOURCE_LANGUAGE}
    folder = translations_dir()
    if folder.is_dir():
        codes.update(path.stem.removeprefix(f"{CATALOGUE}_")
                     for path in folder.glob(f"{CATALOGUE}_*.qm"))
    ordered = sorted(codes, key=lambda code: (code != FIRST_LANGUAGE,
                                              code != SOURCE_LANGUAGE, code))
    return [Language(code, _NATIVE_NAMES.get(code) or QLocale(code).nativeLanguageName() or code)
            for code in ordered]


def supported(code: object) -> str | None:
    """The language we ship for ``code`` (``zh``, ``zh-Hans-CN``, ``zh_TW``, ``en_GB``…), or
    None. Any Chinese gives our Chinese, any English our English."""
    if not isinstance(code, str) or not code.strip():
        return None
    wanted = code.strip().replace("-", "_")
    codes = [language.code for language in available_languages()]
    if wanted in codes:
        return wanted
    language = QLocale(wanted).language()
    if language == QLocale.Language.C:
        return None
    return next((known for known in codes if QLocale(known).language() == language), None)


def system_language(system: QLocale | None = None) -> str:
    """The language the system's user prefers: the first of the system's interface languages
    that we ship (any Chinese counts as ours), else English."""
    locale = QLocale.system() if system is None else system
    for preferred in [*locale.uiLanguages(), locale.name()]:
        found = supported(preferred)
        if found is not None:
            return found
    return SOURCE_LANGUAGE


def stored_language(settings: QSettings | None = None) -> str | None:
    """The language chosen on the Settings page, or None to follow the system."""
    return supported(LANGUAGE.get(settings if settings is not None else QSettings()))


def store_language(code: str | None, settings: QSettings | None = None) -> None:
    """Remember ``code`` for the next start; None returns to the system's language."""
    settings = settings if settings is not None else QSettings()
    if code is None:
        LANGUAGE.forget(settings)
    else:
        chosen = supported(code)
        if chosen is None:
            raise ValueError(f"no translation for the language {code!r}")
        LANGUAGE.set(settings, chosen)
    settings.sync()


def choose_language(language: str | None = None, settings: QSettings | None = None,
                    system: QLocale | None = None) -> str:
    """The language to show: ``language`` if given and shipped, else the stored choice, else
    the system's."""
    return (supported(language) or stored_language(settings)
            or system_language(system))


def install_translations(app: QCoreApplication, language: str | None = None,
                         settings: QSettings | None = None) -> str:
    """Install the translators of the chosen language (see ``choose_language``) on ``app``,
    replacing any installed before, and set the domain's language to match. Returns the
    language's code."""
    global _installed  # noqa: PLW0603 - the translators live as long as the application
    remove_translations(app)
    code = choose_language(language, settings)
    previous_locale, previous_domain = QLocale(), i18n.language()
    translators: list[QTranslator] = []
    ours = QTranslator()  # kept alive by ``_installed``, not by a parent
    if ours.load(f"{CATALOGUE}_{code}", str(translations_dir())):
        translators.append(ours)
    elif code != SOURCE_LANGUAGE:
        log.warning("no catalogue %s_%s in %s", CATALOGUE, code, translations_dir())
    if code != SOURCE_LANGUAGE:
        qt_own = _qt_translator(code)
        if qt_own is not None:
            translators.append(qt_own)
    for translator in translators:
        app.installTranslator(translator)
    if code != SOURCE_LANGUAGE and QLocale.system().language() != QLocale(code).language():
        QLocale.setDefault(QLocale(code))  # Qt's calendars and number formats in Chinese too
    i18n.set_language(code)
    _installed = _Installed(translators, code, previous_locale, previous_domain)
    return code


def remove_translations(app: QCoreApplication) -> None:
    """Undo ``install_translations``: the source texts again, the locale and the domain's
    language as they were."""
    global _installed  # noqa: PLW0603
    if _installed is None:
        return
    for translator in _installed.translators:
        app.removeTranslator(translator)
    QLocale.setDefault(_installed.previous_locale)
    i18n.set_language(_installed.previous_domain_language)
    _installed = None


def application_name() -> str:
    """The program's name in the interface's language (window titles, About)."""
    return QCoreApplication.translate("Application", "Coop Desktop")


def current_language() -> str:
    """The language installed at start-up (the source language when none was)."""
    return _installed.language if _installed is not None else SOURCE_LANGUAGE


def _qt_translator(code: str) -> QTranslator | None:
    """Qt's own strings (dialog buttons, file dialogs, context menus) in ``code``: from the Qt
    that PySide6 carries, else a copy beside our catalogues."""
    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    try:
        import PySide6

        folders.append(str(Path(PySide6.__file__).resolve().parent / "Qt" / "translations"))
    except ImportError:  # pragma: no cover - PySide6 is what runs this
        pass
    folders.append(str(translations_dir()))
    translator = QTranslator()
    for folder in folders:
        if folder and translator.load(f"qtbase_{code}", folder):
            return translator
    log.warning("no Qt translation qtbase_%s in %s", code, ", ".join(folders))
    return None
