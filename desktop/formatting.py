"""How dates, times and people's details are written in Chinese, everywhere (GUI, print, CLI)."""

from __future__ import annotations

from datetime import date, time


def format_date(value: date | None) -> str:
    """2026年11月29日; empty for no date."""
    return "" if value is None else f"{value.year}年{value.month}月{value.day}日"


def format_time(value: time | None) -> str:
    return "" if value is None else f"{value.hour:02d}:{value.minute:02d}"


def mask_name(name: str) -> str:
    """张某 for public notices: the surname and 某."""
    return f"{name[0]}某" if name else ""


def mask_phone(phone: str | None) -> str:
    """138****5678; short or missing numbers are hidden entirely."""
    if not phone:
        return ""
    digits = phone.strip()
    return f"{digits[:3]}****{digits[-4:]}" if len(digits) >= 8 else "****"
