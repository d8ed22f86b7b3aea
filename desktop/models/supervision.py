"""督办记录: the district pressing a responsible unit on one room's outcome."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, Synced, enum_column, synced_args
from desktop.models.enums import SupervisionMethod


class SupervisionAction(Synced, Base):
    """One supervision action on an outcome: when, how, what came of it, and by whom.

    Only the district writes these (desktop.sync.ownership: district-owned); each travels
    down to the room that owns the outcome and is shown there read-only.
    """

    __tablename__ = "supervision_action"
    __table_args__ = synced_args(
        CheckConstraint("length(result) > 0", name="result_set"),
        Index("ix_supervision_action_outcome", "outcome_id", "acted_on"),
    )

    outcome_id: Mapped[str] = mapped_column(ForeignKey("outcome.id"))
    acted_on: Mapped[date] = mapped_column(Date)
    method: Mapped[SupervisionMethod] = mapped_column(
        enum_column(SupervisionMethod, "supervision_method")
    )
    # What the unit answered or did (督办情况).
    result: Mapped[str] = mapped_column(Text)
    supervised_by: Mapped[str] = mapped_column(String(50), default="")
