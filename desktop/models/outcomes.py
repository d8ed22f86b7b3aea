"""Outcomes (协商成果) and their append-only progress timeline."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, Synced, enum_column, partial_index, synced_args
from desktop.models.enums import EscalationKind, OutcomeStatus, ResultClass, Satisfaction


class Outcome(Synced, Base):
    """A recommendation from an agenda item, activity or case, followed until residents hear."""

    __tablename__ = "outcome"
    __table_args__ = synced_args(
        CheckConstraint("length(content) > 0", name="content_set"),
        # Exactly one origin. SQLite adds the comparisons as numbers; PostgreSQL has no `+`
        # for booleans and counts them with num_nonnulls (as migration 0001 writes it).
        CheckConstraint(
            "(agenda_item_id IS NOT NULL) + (activity_id IS NOT NULL) + (case_id IS NOT NULL) = 1",
            name="one_origin",
        ).ddl_if(dialect="sqlite"),
        CheckConstraint(
            "num_nonnulls(agenda_item_id, activity_id, case_id) = 1", name="one_origin"
        ).ddl_if(dialect="postgresql"),
        CheckConstraint(
            "status <> 'not_possible' OR coalesce(length(not_possible_reason), 0) > 0",
            name="not_possible_has_reason",
        ),
        CheckConstraint(
            "(escalation_kind IS NULL) = (escalation_ref IS NULL)", name="escalation_has_ref"
        ),
        CheckConstraint(
            "satisfaction IS NULL OR fed_back_on IS NOT NULL", name="satisfaction_after_feedback"
        ),
        Index("ix_outcome_room_status", "room_id", "status"),
        # By deadline, ties by id: 成果督办's order reads each part of it here (0021).
        Index("ix_outcome_deadline", "deadline", "id"),
        # The statistics count a meeting's outcomes by status, class and deadline from it.
        Index(
            "ix_outcome_agenda_item",
            "agenda_item_id",
            "deleted",
            "status",
            "result_class",
            "deadline",
        ),
        # 成果督办 filters and groups by unit, and lists the units (desktop.queries.supervision).
        Index("ix_outcome_responsible_unit", "responsible_unit", "deleted"),
        # Overdue means open and past its deadline: the few open ones, read by deadline.
        Index("ix_outcome_status_deadline", "status", "deadline", "deleted"),
        # An outcome of an activity or a case is found from it; the list sorts by 评价.
        partial_index("ix_outcome_activity", "activity_id", where="activity_id IS NOT NULL"),
        partial_index("ix_outcome_case", "case_id", where="case_id IS NOT NULL"),
        Index("ix_outcome_result_class", "result_class"),
        # A year's escalations, the few escalated outcomes only (migration 0017).
        partial_index(
            "ix_outcome_escalated",
            "room_id",
            "escalated_on",
            "deleted",
            "escalation_kind",
            "escalation_ref",
            where="escalated_on IS NOT NULL",
        ),
    )

    room_id: Mapped[str] = mapped_column(ForeignKey("room.id"))
    agenda_item_id: Mapped[str | None] = mapped_column(ForeignKey("agenda_item.id"))
    activity_id: Mapped[str | None] = mapped_column(ForeignKey("activity.id"))
    case_id: Mapped[str | None] = mapped_column(ForeignKey("mediation_case.id"))
    content: Mapped[str] = mapped_column(Text)
    responsible_unit: Mapped[str] = mapped_column(String(200), default="")
    responsible_person: Mapped[str] = mapped_column(String(50), default="")
    deadline: Mapped[date | None] = mapped_column(Date)
    status: Mapped[OutcomeStatus] = mapped_column(
        enum_column(OutcomeStatus, "outcome_status"), default=OutcomeStatus.PENDING
    )
    not_possible_reason: Mapped[str | None] = mapped_column(Text)
    completed_on: Mapped[date | None] = mapped_column(Date)
    result_class: Mapped[ResultClass | None] = mapped_column(
        enum_column(ResultClass, "result_class")
    )
    feedback: Mapped[str | None] = mapped_column(Text)  # 反馈 to residents
    fed_back_on: Mapped[date | None] = mapped_column(Date)
    satisfaction: Mapped[Satisfaction | None] = mapped_column(
        enum_column(Satisfaction, "satisfaction")
    )
    escalation_kind: Mapped[EscalationKind | None] = mapped_column(
        enum_column(EscalationKind, "escalation_kind")
    )
    escalation_ref: Mapped[str | None] = mapped_column(String(50))
    escalated_on: Mapped[date | None] = mapped_column(Date)


class ProgressNote(Synced, Base):
    """One dated entry on an outcome's timeline; owned by its writer, never edited."""

    __tablename__ = "progress_note"
    __table_args__ = synced_args(
        CheckConstraint("length(text) > 0", name="text_set"),
        Index("ix_progress_note_outcome", "outcome_id", "noted_on"),
    )

    outcome_id: Mapped[str] = mapped_column(ForeignKey("outcome.id"))
    noted_on: Mapped[date] = mapped_column(Date)
    author_name: Mapped[str] = mapped_column(String(50), default="")
    text: Mapped[str] = mapped_column(Text)
