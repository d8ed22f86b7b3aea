"""成果督办: the district records how it pressed a responsible unit on a room's outcome.

A supervision action (督办记录) is the district's own row under the room's outcome: the room
never writes one, and the next bundle to that room carries it there (desktop.sync.ownership).
"""

from __future__ import annotations

from datetime import date

from desktop import clock
from desktop.db import Database
from desktop.models import Outcome, SupervisionAction
from desktop.models.enums import NodeRole, SupervisionMethod
from desktop.rules import RuleError
from desktop.workflow.outcomes import not_before_origin

SUPERVISOR_MAX = 50


def record_action(
    db: Database,
    outcome_id: str,
    *,
    on: date,
    method: SupervisionMethod,
    result: str,
    supervised_by: str,
    today: date | None = None,
) -> str:
    """Add one supervision action in one unit of work; its id. Refused (RuleError) with
    nothing written: outside a district, on a missing outcome, without a result or a
    supervisor, dated in the future or before the outcome was agreed."""
    installation = db.installation()
    if installation is None or installation.role is not NodeRole.DISTRICT:
        raise RuleError("只有区政协可以记录督办")
    result = result.strip()
    if not result:
        raise RuleError("请填写督办情况（单位答复或办理进展）")
    supervised_by = supervised_by.strip()
    if not supervised_by:
        raise RuleError("请填写督办人")
    if len(supervised_by) > SUPERVISOR_MAX:
        raise RuleError(f"督办人不能超过 {SUPERVISOR_MAX} 个字")
    today = today or clock.today()
    if on > today:
        raise RuleError(f"督办日期（{on.isoformat()}）不能晚于今天（{today.isoformat()}）")
    with db.session() as session:
        outcome = session.get(Outcome, outcome_id)
        if outcome is None or outcome.deleted:
            raise RuleError("此成果已不存在")
        not_before_origin(session, outcome, on=on, what="督办日期")
        action = SupervisionAction(
            outcome_id=outcome.id,
            acted_on=on,
            method=method,
            result=result,
            supervised_by=supervised_by,
        )
        session.add(action)
        session.flush()
        return action.id


def withdraw_action(db: Database, action_id: str) -> None:
    """Take back an action recorded by mistake: a tombstone, which reaches the room too."""
    installation = db.installation()
    with db.session() as session:
        action = session.get(SupervisionAction, action_id)
        if action is None or action.deleted:
            raise RuleError("此督办记录已不存在")
        if installation is None or action.owner_node != installation.node_id:
            raise RuleError("此督办记录由区政协记录，只能在区政协撤回")
        action.deleted = True
