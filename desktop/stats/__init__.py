"""Statistics (`yishi stats`, the 统计 page): figures of a period for a scope, as text, tables,
Excel (desktop.stats.excel) and a PDF report (desktop.documents.stats_report)."""

from desktop.stats.figures import (
    BREAKDOWN_KEYS,
    COUNT_KEYS,
    add_figures,
    compute_stats,
    empty_figures,
    only_figures,
    rank_rooms,
    year_stats,
)
from desktop.stats.scope import (
    DISTRICT,
    Level,
    Period,
    RoomChoice,
    Scope,
    StatsError,
    TownshipChoice,
    find_scope,
    read_scope_choices,
)
from desktop.stats.text import display_width, format_rate, format_stats, format_table, pad

__all__ = [
    "BREAKDOWN_KEYS",
    "COUNT_KEYS",
    "DISTRICT",
    "Level",
    "Period",
    "RoomChoice",
    "Scope",
    "StatsError",
    "TownshipChoice",
    "add_figures",
    "compute_stats",
    "display_width",
    "empty_figures",
    "find_scope",
    "format_rate",
    "format_stats",
    "format_table",
    "only_figures",
    "pad",
    "rank_rooms",
    "read_scope_choices",
    "year_stats",
]
