"""Deterministic demo data (`yishi demo`, the first-run dialog's "try it with demo data")."""

from desktop.demo.common import DemoCancelled, DemoError
from desktop.demo.runner import DEMO_DISTRICT_NODE, DemoSummary, generate

__all__ = ["DEMO_DISTRICT_NODE", "DemoCancelled", "DemoError", "DemoSummary", "generate"]
