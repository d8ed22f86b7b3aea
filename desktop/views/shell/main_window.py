"""The main window: a sidebar of pages, the current page, and who this installation is."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMargins, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QGuiApplication,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from desktop.models import Installation
from desktop.models.enums import NodeRole
from desktop.queries import Database
from desktop.sync.keycheck import diagnose_keys
from desktop.views.common import remember, theme
from desktop.views.common.empty_state import EmptyStatePage, PageSpec, scaled_font
from desktop.views.common.forms import FormDialog
from desktop.views.common.icons import app_icon, icon
from desktop.views.dashboard.page import DashboardPage
from desktop.views.shell.app_locker import AppLocker
from desktop.views.shell.page_stack import PageStack
from desktop.views.shell.pages import has_page, page_factory, page_specs
from desktop.views.sync.key_problem_banner import KeyProblemBanner

if TYPE_CHECKING:
    from desktop.views.shell.search_dialog import SearchDialog

SIDEBAR_WIDTH = 196
# Fits a 1366×768 screen with a task bar and a title bar; larger screens get no more.
PREFERRED_SIZE = QSize(1280, 800)
MINIMUM_SIZE = QSize(960, 600)
# Where QSettings keeps the window's place and its pages' splitters and columns.
WINDOW_KEY = "mainWindow"
# How long the status bar says why Ctrl+F opens no search in a city office.
NO_SEARCH_MESSAGE_MS = 8000


class MainWindow(QMainWindow):
    """The shell every page lives in; pages are chosen in the sidebar or with Ctrl+1…9, 0."""

    setup_requested = Signal()
    # What the 同步 page says of a file given to open_bundle_file: selected, or why not.
    bundle_file_shown = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        # A save on this (the GUI) thread behind an import gives up after a short wait with a
        # friendly message instead of freezing the window for the import's minute.
        db.wait_briefly_on_this_thread()
        self._installation: Installation | None = None
        self.specs = self._page_specs()
        self.setWindowIcon(app_icon())
        self.setStyleSheet(theme.STYLE_SHEET)

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(18, 18))
        self.sidebar.setFont(scaled_font(self.sidebar, 1.1))
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Each page is built on its first showing: start-up pays for the dashboard only.
        self.pages = PageStack(self._make_page, views_key=WINDOW_KEY)
        self.pages.setObjectName("pages")
        # Damaged sync keys never stop the start: this says so above every page but 同步,
        # which shows it itself.
        self.key_banner = KeyProblemBanner(in_main_window=True, margins=QMargins(24, 14, 24, 0))
        self.key_banner.open_sync_requested.connect(self._open_sync_page)
        self.dashboard = DashboardPage(db)
        self.dashboard.setup_requested.connect(self.setup_requested)
        self.dashboard.record_requested.connect(self.open_record)
        self.pages.keep(self.dashboard)
        self._fill_navigation()

        self.setCentralWidget(self._central(self._sidebar_panel()))
        self.role_label = QLabel()
        self.path_label = QLabel()
        self.path_label.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.open_data_folder_action = QAction(self.tr("Open the data folder"), self.path_label)
        self.open_data_folder_action.triggered.connect(self._open_data_folder)
        self.path_label.addAction(self.open_data_folder_action)
        for label in (self.role_label, self.path_label):
            label.setContentsMargins(8, 2, 8, 2)
        self.statusBar().addWidget(self.role_label)
        self.statusBar().addPermanentWidget(self.path_label)

        self.sidebar.currentRowChanged.connect(self._on_sidebar_row_changed)
        # Ctrl+1…9, 0 for the first ten pages (a district's 11th has none), whichever pages
        # the installation's role shows.
        for index in range(10):
            shortcut = QShortcut(self._shortcut_for(index), self)
            shortcut.activated.connect(partial(self._show_numbered, index))
        # Settings also on Ctrl+, (as in most desktop programs): a district's 11th page.
        QShortcut(QKeySequence("Ctrl+,"), self).activated.connect(
            partial(self.show_key, "settings")
        )
        QShortcut(QKeySequence("Ctrl+Q"), self).activated.connect(self.close)
        # 搜索 from every page (the pages' own filter boxes are on Ctrl+L).
        QShortcut(QKeySequence.StandardKey.Find, self).activated.connect(self.open_search)
        self.search_dialog: SearchDialog | None = None

        self.setMinimumSize(MINIMUM_SIZE)
        if not remember.restore_window(self, WINDOW_KEY):
            self._place_on_screen()
        self.reload()
        self.restore_page_views()
        self.show_page(0)
        # Last: it moves the central widget into its stack, and locks at once when it is on.
        self.app_lock = AppLocker(self, db)

    def reload(self) -> None:
        """Read the installation again (after setup) and refresh what shows it."""
        self._installation = self._db.installation()
        installation = self._installation
        if installation is None:
            self.setWindowTitle(self.tr("Yishi — not set up"))
            self.role_label.setText(self.tr("Not set up"))
            self._identity.setText(self.tr("Not set up"))
        else:
            self.setWindowTitle(self.tr("Yishi — %1").replace("%1", installation.name))
            self.role_label.setText(f"{installation.role.label}：{installation.name}")
            self._identity.setText(installation.name)
        # Words in the status bar; the whole path on hover and behind "open the folder".
        self.path_label.setText(self.tr("Data kept on this computer"))
        self.path_label.setToolTip(
            self.tr("Database: %1").replace("%1", str(self._db.home.database))
        )
        if self.pages.currentWidget() is self.dashboard:
            # Any other page shown refreshes the dashboard when it is shown again.
            self.dashboard.refresh(installation)
        if self.search_dialog is not None and not self.searches_records():
            # A restored backup made this a city office: the records it found lead nowhere now.
            self.search_dialog.hide()
            self.search_dialog.deleteLater()
            self.search_dialog = None
        if installation is not None:
            if [spec.key for spec in self._page_specs()] != [spec.key for spec in self.specs]:
                # Set up just now (the first-run dialog made a district): its own pages too.
                self._rebuild_navigation()
            else:
                self._replace_empty_pages()
        self._update_key_banner()

    def _fill_navigation(self) -> None:
        """The sidebar's entries and the pages behind them (built when shown), for `self.specs`."""
        self.sidebar.blockSignals(True)
        self.sidebar.clear()
        self.pages.fill(self.specs)
        for index, spec in enumerate(self.specs):
            item = QListWidgetItem(
                icon(spec.icon_role, selected_color=theme.SIDEBAR_SELECTED_ICON),
                spec.title,
                self.sidebar,
            )
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            keys = f"  ({self._shortcut_for(index).toString()})" if index < 10 else ""
            item.setToolTip(f"{spec.title}{keys}")
        self.sidebar.blockSignals(False)

    def _rebuild_navigation(self) -> None:
        """Every page built again for the installation's role, keeping the one shown."""
        current = (
            self.current_page_key() if 0 <= self.pages.currentIndex() < len(self.specs) else ""
        )
        self.specs = self._page_specs()
        self._fill_navigation()
        self.restore_page_views()
        self.show_key(current)

    def _replace_empty_pages(self) -> None:
        """After first-run setup, the pages that needed an installation can be built: each
        is built on its next showing (the one shown now, at once)."""
        for index, spec in enumerate(self.specs):
            if isinstance(self.pages.built(index), EmptyStatePage) and has_page(spec.key):
                self.pages.unbuild(index)
                if index == self.pages.currentIndex():
                    self.pages.page(index)

    def show_page(self, index: int) -> None:
        if index == self.sidebar.currentRow() and self.pages.built(index) is None:
            # Chosen already but not built (the stack was filled again): no row change comes.
            self._on_sidebar_row_changed(index)
        self.sidebar.setCurrentRow(index)

    def page(self, key: str) -> QWidget | None:
        """The page of that key, built now if it was not yet; None when there is none."""
        keys = [spec.key for spec in self.specs]
        return self.pages.page(keys.index(key)) if key in keys else None

    def built_page_keys(self) -> list[str]:
        """Keys of the pages built so far (each is built on its first showing)."""
        return [
            spec.key for index, spec in enumerate(self.specs) if self.pages.built(index) is not None
        ]

    def show_key(self, key: str) -> None:
        """Show the page of that key (the dashboard when this installation has none)."""
        keys = [spec.key for spec in self.specs]
        self.show_page(keys.index(key) if key in keys else 0)

    def _show_numbered(self, index: int) -> None:
        if index < len(self.specs):
            self.show_page(index)

    def searches_records(self) -> bool:
        """Whether Ctrl+F opens the search: a city office has no page to open a record on (its
        window shows figures only), so every hit would lead nowhere."""
        installation = self._installation
        return installation is None or installation.role is not NodeRole.CITY

    def open_search(self) -> None:
        """The search dialog (made on first use), focused on its box; in a city office, the
        reason there is none, in the status bar."""
        if not self.searches_records():
            self.statusBar().showMessage(
                self.tr(
                    "A city office has no pages of records to open, so there is no search: "
                    "its figures are on Statistics."
                ),
                NO_SEARCH_MESSAGE_MS,
            )
            return
        if self.search_dialog is None:
            # Imported on first use, as the pages are: start-up pays for neither.
            from desktop.views.shell.search_dialog import SearchDialog

            self.search_dialog = SearchDialog(self._db, self)
            self.search_dialog.record_chosen.connect(self.open_record)
        self.search_dialog.show_search()

    def open_record(self, page_key: str, record_id: str) -> None:
        """Show the page holding a record and, when the page can, the record itself."""
        keys = [spec.key for spec in self.specs]
        if page_key not in keys:
            return
        self.show_page(keys.index(page_key))
        opener = getattr(self.pages.currentWidget(), "open_record", None)
        if record_id and callable(opener):
            opener(record_id)

    def open_bundle_file(self, path: Path) -> bool:
        """`yishi FILE.yishi`: the 同步 page, its import list selecting the file once read
        (bundle_file_shown says so); False when there is no such page (not set up)."""
        self.show_key("sync")
        choose = getattr(self.page("sync"), "choose_file", None)
        if callable(choose):
            choose(path)
        return callable(choose)

    def unsaved_pages(self) -> list[str]:
        """Keys of the pages holding typed input not saved yet (an inline entry form)."""
        keys = []
        for index, spec in enumerate(self.specs):
            unsaved = getattr(self.pages.built(index), "unsaved_input", None)
            if callable(unsaved) and unsaved():
                keys.append(spec.key)
        return keys

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing the window never loses typed text without asking first.
        if self.unsaved_pages() and not FormDialog.confirm_discard(self):
            event.ignore()
            return
        self.remember_places()
        super().closeEvent(event)

    def remember_places(self) -> None:
        """The window's place, splitters and column widths, for the next start."""
        remember.save_window(self, WINDOW_KEY)
        self.pages.save_views()

    def restore_page_views(self) -> None:
        """Splitters and columns as remembered (a page built later gets its own then)."""
        self.pages.restore_views()

    def current_page_key(self) -> str:
        return self.specs[self.pages.currentIndex()].key

    def page_titles(self) -> list[str]:
        """The sidebar's entries, top to bottom."""
        return [self.sidebar.item(row).text() for row in range(self.sidebar.count())]

    def _on_sidebar_row_changed(self, row: int) -> None:
        if row < 0:
            return
        # A page built just now has read the database already.
        built_before = self.pages.built(row) is not None
        page = self.pages.page(row)
        self.pages.setCurrentIndex(row)
        if page is self.dashboard:
            self.dashboard.refresh(self._installation)
        elif built_before and callable(refresh := getattr(page, "refresh", None)):
            refresh()
        self._update_key_banner()

    def _update_key_banner(self) -> None:
        # Read again each time: the user may put the keys back while Yishi runs.
        on_sync = self.pages.count() == len(self.specs) and self.current_page_key() == "sync"
        self.key_banner.show_problem(diagnose_keys(self._db), allowed=not on_sync)

    def _open_sync_page(self) -> None:
        self.show_key("sync")

    def _make_page(self, spec: PageSpec) -> QWidget:
        if spec.key == "dashboard":
            return self.dashboard
        factory = page_factory(spec.key) if self._db.installation() is not None else None
        if factory is None:
            return EmptyStatePage(spec)
        return self._connected(factory(self._db))

    def _connected(self, page: QWidget) -> QWidget:
        # A renamed room shows its new name in the title, sidebar and status bar at once.
        room_saved = getattr(page, "room_saved", None)
        if room_saved is not None:
            room_saved.connect(self.reload)
        # After a restore every page may show (or be editing) rows the database no longer
        # holds: rebuilding them all is simpler and surer than refreshing each in place.
        restored = getattr(page, "database_restored", None)
        if restored is not None:
            restored.connect(self.rebuild_pages)
        # The settings page turns the app lock on and off, and locks on request.
        lock_changed = getattr(page, "app_lock_changed", None)
        if lock_changed is not None:
            lock_changed.connect(self._on_app_lock_changed)
        if (chosen := getattr(page, "file_chosen", None)) is not None:
            chosen.connect(self.bundle_file_shown)
        lock_now = getattr(page, "lock_now_requested", None)
        if lock_now is not None:
            lock_now.connect(self._on_lock_now_requested)
        return page

    def _open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._db.home.database.parent)))

    def _on_app_lock_changed(self) -> None:
        self.app_lock.reload()

    def _on_lock_now_requested(self) -> None:
        self.app_lock.lock()

    def rebuild_pages(self) -> None:
        """Build every page again from the database (after a restore), keeping the one shown;
        a restored database of another role brings its own pages."""
        self._rebuild_navigation()
        self.reload()
        # A restored database holds the app lock's settings as they were then.
        self.app_lock.reload()

    def _page_specs(self) -> list[PageSpec]:
        installation = self._db.installation()
        role: NodeRole | None = installation.role if installation is not None else None
        return page_specs(role=role)

    @staticmethod
    def _shortcut_for(index: int) -> QKeySequence:
        # Ctrl+1…9 for the first nine pages and Ctrl+0 for the tenth, like browser tabs.
        return QKeySequence(f"Ctrl+{(index + 1) % 10}")

    def _sidebar_panel(self) -> QWidget:
        panel = QWidget()
        panel.setObjectName("sidebarPanel")
        panel.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        panel.setFixedWidth(SIDEBAR_WIDTH)

        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(32, 32))
        name = QLabel(self.tr("Yishi"))
        name.setFont(scaled_font(name, 1.5, bold=True))
        brand = QHBoxLayout()
        brand.setSpacing(8)
        brand.addWidget(logo)
        brand.addWidget(name, 1)
        self._identity = QLabel()
        self._identity.setObjectName("mutedText")
        self._identity.setWordWrap(True)

        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 16, 0, 12)
        layout.setSpacing(4)
        header = QVBoxLayout()
        header.setContentsMargins(18, 0, 12, 10)
        header.addLayout(brand)
        header.addWidget(self._identity)
        layout.addLayout(header)
        layout.addWidget(self.sidebar, 1)
        return panel

    def _central(self, sidebar_panel: QWidget) -> QWidget:
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(sidebar_panel)
        column = QWidget()
        column.setObjectName("pageColumn")
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.setSpacing(0)
        column_layout.addWidget(self.key_banner)
        column_layout.addWidget(self.pages, 1)
        layout.addWidget(column, 1)
        return central

    def _place_on_screen(self) -> None:
        """As large as fits (up to PREFERRED_SIZE), centred on the screen."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(PREFERRED_SIZE)
            return
        available = screen.availableGeometry()
        size = PREFERRED_SIZE.boundedTo(available.size() - QSize(40, 40)).expandedTo(MINIMUM_SIZE)
        self.resize(size)
        self.move(available.center() - self.rect().center())
