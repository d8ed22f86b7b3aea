"""The 议题 page's detail panel: one topic, where it stands, and the buttons for its next steps."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.formatting import format_date
from desktop.models.enums import TopicStatus
from desktop.queries.history import StatusLine
from desktop.queries.topics import TopicDetail
from desktop.rules.topics import DISCUSSED_OR_LATER, TAKE_BACKS
from desktop.views.common.empty_state import scaled_font
from desktop.views.common.forms import message_label, show_message
from desktop.views.common.icons import icon
from desktop.workflow.topics import EDITABLE


class TopicDetailPanel(QWidget):
    """One topic's detail; only the next steps its status allows are shown (none in a district)."""

    def __init__(self, *, district_mode: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("topicDetail")
        self._district_mode = district_mode
        self.placeholder = QLabel(self.tr("Choose a topic in the list to see it here."))
        self.placeholder.setObjectName("mutedText")
        self.placeholder.setWordWrap(True)
        self.detail_title = QLabel()
        self.detail_title.setFont(scaled_font(self.detail_title, 1.3, bold=True))
        self.detail_title.setWordWrap(True)
        self.detail_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_meta = QLabel()
        self.detail_meta.setObjectName("mutedText")
        self.detail_meta.setWordWrap(True)
        self.detail_state = QLabel()
        self.detail_state.setWordWrap(True)
        self.detail_description = QLabel()
        self.detail_description.setWordWrap(True)
        self.detail_description.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )

        self.shortlist_button = QPushButton(icon("shortlist"), self.tr("Shortlist"))
        self.announce_button = QPushButton(icon("announce"), self.tr("Announce…"))
        self.claim_button = QPushButton(icon("claim"), self.tr("Claim…"))
        self.unclaim_button = QPushButton(icon("decline"), self.tr("Withdraw claim…"))
        self.unclaim_button.setToolTip(
            self.tr("A member gives up the claim; it no longer counts in duty scoring")
        )
        self.decline_button = QPushButton(icon("decline"), self.tr("Decline…"))
        self.discuss_button = QPushButton(icon("discuss"), self.tr("Consult now"))
        self.discuss_button.setToolTip(
            self.tr("Immediate consultation: mark the topic as discussed without announcement")
        )
        # 撤销初选 / 撤销公告, with a reason kept in the 状态变更记录; its text says which.
        self.take_back_button = QPushButton(icon("decline"), self.tr("Undo…"))
        self.print_notice_button = QPushButton(icon("print"), self.tr("Print notice…"))
        self.print_notice_button.setToolTip(
            self.tr("The topic notice for the notice board, personal data masked")
        )
        self.edit_button = QPushButton(icon("edit"), self.tr("Edit…"))
        self.edit_button.setToolTip(self.tr("Correct the title, source, description or date"))
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete…"))
        self.delete_button.setToolTip(
            self.tr("Move the topic to the recycle bin; it can be restored from there")
        )
        self.action_buttons = (
            self.shortlist_button,
            self.announce_button,
            self.claim_button,
            self.unclaim_button,
            self.discuss_button,
            self.decline_button,
            self.take_back_button,
        )
        actions = QHBoxLayout()
        actions.setSpacing(6)
        for button in self.action_buttons:
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.print_notice_button)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.delete_button)
        self.action_message = message_label()

        # The merged slips, to choose some and separate them (取消合并); the label says when
        # there are none.
        self.slips_label = QLabel()
        self.slips_list = QListWidget()
        self.slips_list.setWordWrap(True)
        self.slips_list.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.slips_list.setMaximumHeight(220)
        self.slips_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.separate_button = QPushButton(icon("separate"), self.tr("Separate from topic…"))
        self.separate_button.setToolTip(
            self.tr(
                "The chosen slips leave the topic and are open again in the opinions list; "
                "the topic stays"
            )
        )
        separate_row = QHBoxLayout()
        separate_row.addStretch(1)
        separate_row.addWidget(self.separate_button)
        self.claims_label = QLabel()
        self.meetings_label = QLabel()
        self.history_label = QLabel()
        sections = QVBoxLayout()
        sections.setSpacing(4)
        for caption, label in (
            (self.tr("Where it stands"), self.meetings_label),
            (self.tr("Claimed by"), self.claims_label),
            (self.tr("Opinion slips"), self.slips_label),
            (self.tr("Status history"), self.history_label),
        ):
            heading = QLabel(caption)
            heading.setFont(scaled_font(heading, 1.05, bold=True))
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            sections.addSpacing(8)
            sections.addWidget(heading)
            sections.addWidget(label)
            if label is self.slips_label:
                sections.addWidget(self.slips_list)
                sections.addLayout(separate_row)

        self.detail_body = QWidget()
        body = QVBoxLayout(self.detail_body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(6)
        body.addWidget(self.detail_title)
        body.addWidget(self.detail_meta)
        body.addWidget(self.detail_state)
        body.addLayout(actions)
        body.addWidget(self.action_message)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setObjectName("mutedText")
        body.addWidget(line)
        body.addWidget(self.detail_description)
        body.addLayout(sections)
        body.addStretch(1)

        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(16, 8, 12, 8)
        inner_layout.addWidget(self.placeholder)
        inner_layout.addWidget(self.detail_body, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        scroll.setMinimumWidth(340)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.slips_list.itemSelectionChanged.connect(self._on_slip_selection_changed)
        self.show_topic(None)

    def show_topic(self, detail: TopicDetail | None) -> None:
        """Fill the panel with one topic, or show the placeholder for none."""
        # The window's focus widget, kept while a dialog of this step is still on top.
        focus = self.window().focusWidget()
        had_focus = focus is not None and self.isAncestorOf(focus)
        self.placeholder.setVisible(detail is None)
        self.detail_body.setVisible(detail is not None)
        show_message(self.action_message, "")
        if detail is None:
            for button in (
                *self.action_buttons,
                self.edit_button,
                self.delete_button,
                self.separate_button,
            ):
                button.hide()
            self.slips_list.clear()
            return
        self.detail_title.setText(detail.title)
        meta = [detail.source.label, detail.status.label]
        if detail.category:
            meta.append(detail.category)
        meta.append(self.tr("raised %1").replace("%1", format_date(detail.raised_on)))
        if detail.immediate:
            meta.append(self.tr("immediate consultation"))
        if self._district_mode:
            meta.insert(0, detail.room_name)
        self.detail_meta.setText(" · ".join(meta))
        state: list[str] = []
        if detail.proposer:
            state.append(self.tr("Proposed by member %1").replace("%1", detail.proposer))
        if detail.announced_on and detail.claim_deadline:
            state.append(
                self.tr("Announced %1, claims until %2")
                .replace("%1", format_date(detail.announced_on))
                .replace("%2", format_date(detail.claim_deadline))
            )
        if detail.decline_reason:
            state.append(self.tr("Declined: %1").replace("%1", detail.decline_reason))
        self.detail_state.setText("\n".join(state))
        self.detail_state.setVisible(bool(state))
        self.detail_description.setText(detail.description or self.tr("(no description)"))

        editable = not self._district_mode and detail.owned_here
        allowed = detail.allowed
        S = TopicStatus
        self.shortlist_button.setVisible(editable and S.SHORTLISTED in allowed)
        self.announce_button.setVisible(editable and S.ANNOUNCED in allowed)
        self.claim_button.setVisible(editable and detail.can_claim)
        self.unclaim_button.setVisible(editable and detail.can_claim and bool(detail.claims))
        self.decline_button.setVisible(editable and S.DECLINED in allowed)
        # Other topics reach 已协商 through a meeting; only immediate ones skip to it here.
        self.discuss_button.setVisible(editable and detail.immediate and S.DISCUSSED in allowed)
        self.take_back_button.setVisible(editable and detail.status in TAKE_BACKS)
        self.take_back_button.setText(
            self.tr("Undo announcement…")
            if detail.status is S.ANNOUNCED
            else self.tr("Undo shortlisting…")
        )
        # Corrected until consulted on; a delete the workflow refuses says why when pressed.
        self.edit_button.setVisible(editable and detail.status in EDITABLE)
        self.delete_button.setVisible(editable)
        # The notice board belongs to the room; the district reads topics, it does not post them.
        # A topic not yet shortlisted, or declined, has nothing to announce (the core refuses).
        self.print_notice_button.setVisible(
            not self._district_mode and detail.status not in (S.COLLECTED, S.DECLINED)
        )
        if had_focus and focus is not None and not focus.isVisibleTo(self):
            # The step just taken hides its button: the keyboard stays on the next step
            # (初选 → 公告 → 认领) rather than landing somewhere else on the page.
            shown = [b for b in (*self.action_buttons, self.edit_button) if b.isVisibleTo(self)]
            if shown:
                shown[0].setFocus(Qt.FocusReason.OtherFocusReason)

        self.meetings_label.setText(
            "<br>".join(
                f"{format_date(m.held_on)} {escape(m.title)} · {m.status.label}"
                for m in detail.meetings
            )
            or self._muted(self.tr("Not yet on a meeting's agenda"))
        )
        self.claims_label.setText(
            "<br>".join(
                f"{escape(c.member_name)}（{escape(c.sector)}） {format_date(c.claimed_on)}"
                if c.sector
                else f"{escape(c.member_name)} {format_date(c.claimed_on)}"
                for c in detail.claims
            )
            or self._muted(self.tr("No claims"))
        )
        # Slips of a topic consulted on are part of its record: they stay (the workflow refuses).
        self._show_slips(detail, separable=editable and detail.status not in DISCUSSED_OR_LATER)

    def _show_slips(self, detail: TopicDetail, *, separable: bool) -> None:
        anonymous = self.tr("Anonymous")
        self.slips_list.clear()
        for slip in detail.slips:
            who = (format_date(slip.collected_on), slip.grid, slip.reporter or anonymous)
            item = QListWidgetItem(" ".join(part for part in who if part) + f"：{slip.content}")
            item.setData(Qt.ItemDataRole.UserRole, slip.id)
            self.slips_list.addItem(item)
        self.slips_list.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection
            if separable
            else QAbstractItemView.SelectionMode.NoSelection
        )
        self.slips_list.setVisible(bool(detail.slips))
        self.slips_label.setText(self._muted(self.tr("No slips")))
        self.slips_label.setVisible(not detail.slips)
        self.separate_button.setVisible(separable and bool(detail.slips))
        self._on_slip_selection_changed()

    def selected_slip_ids(self) -> list[str]:
        """The slips chosen in the list, in the list's order."""
        rows = sorted(self.slips_list.row(item) for item in self.slips_list.selectedItems())
        return [str(self.slips_list.item(row).data(Qt.ItemDataRole.UserRole)) for row in rows]

    def _on_slip_selection_changed(self) -> None:
        self.separate_button.setEnabled(bool(self.slips_list.selectedItems()))

    def show_history(self, lines: list[StatusLine]) -> None:
        """The 状态变更记录: date, from → to, and the reason of a take-back."""
        self.history_label.setText(
            "<br>".join(
                escape(
                    f"{format_date(line.at.astimezone().date())} "
                    f"{line.from_label} → {line.to_label}"
                    + (f"（{line.reason}）" if line.reason else "")
                )
                for line in lines
            )
            or self._muted(self.tr("No status changes yet"))
        )

    @staticmethod
    def _muted(text: str) -> str:
        return f'<span style="color:#5f6368">{escape(text)}</span>'
