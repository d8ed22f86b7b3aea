"""The 统计 page's charts, drawn by QtCharts: bars of this period against the one before, and
a pie of shares. The charts take the page's font, so Chinese labels use the same (CJK) font
as every other widget of the application."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.views.common import theme

THIS_COLOUR = QColor(theme.ACCENT)
BEFORE_COLOUR = QColor(theme.MUTED_ICON)
PIE_COLOURS = [QColor(c) for c in (theme.ACCENT, "#d98c3f", "#4a7fb5", "#5b9a68", "#8e6bb5")]
CHART_HEIGHT = 260


def nice_step(top: int) -> int:
    """A round step between grid lines giving at most about five of them up to `top`."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000):
        if top <= step * 5:
            return step
    return max(1, -(-top // 5))


def _new_chart() -> QChart:
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(4, 4, 4, 4))
    return chart


class StatsChart(QChartView):
    """A chart view whose content is replaced by `show_bars` or `show_pie` on each refresh."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_new_chart(), parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(CHART_HEIGHT)
        self.setMinimumWidth(320)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def _clear(self) -> QChart:
        # A new chart each time: reusing one after removing its series left the old legend's
        # markers drawn in a corner.
        old = self.chart()
        chart = _new_chart()
        font = QFont(self.font())
        chart.setFont(font)
        chart.legend().setFont(font)
        self.setChart(chart)
        old.deleteLater()
        return chart

    def show_bars(
        self,
        categories: Sequence[str],
        series: Sequence[tuple[str, Sequence[int]]],
    ) -> None:
        """One bar set per (name, values), this period first, over `categories`."""
        chart = self._clear()
        bars = QBarSeries()
        for index, (name, values) in enumerate(series):
            bar_set = QBarSet(name)
            bar_set.append([float(v) for v in values])
            colour = THIS_COLOUR if index == 0 else BEFORE_COLOUR
            bar_set.setColor(colour)
            bar_set.setBorderColor(colour)
            bars.append(bar_set)
        chart.addSeries(bars)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        x_axis = QBarCategoryAxis()
        x_axis.append(list(categories))
        y_axis = QValueAxis()
        top = max((max(values, default=0) for _, values in series), default=0)
        step = nice_step(top)
        ticks = max(1, -(-top // step))  # whole steps up to the highest bar, at least one
        y_axis.setRange(0, ticks * step)
        y_axis.setTickCount(ticks + 1)
        y_axis.setLabelFormat("%d")
        font = QFont(self.font())
        for axis in (x_axis, y_axis):
            axis.setLabelsFont(font)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(x_axis)
        bars.attachAxis(y_axis)
        chart.legend().setVisible(len(series) > 1)

    def show_pie(self, slices: Sequence[tuple[str, int]]) -> None:
        """One slice per (label, value) with a value; labels carry the count."""
        chart = self._clear()
        pie = QPieSeries()
        font = QFont(self.font())
        for index, (label, value) in enumerate(s for s in slices if s[1]):
            piece = pie.append(f"{label} {value}", float(value))
            piece.setColor(PIE_COLOURS[index % len(PIE_COLOURS)])
            piece.setBorderColor(QColor("#ffffff"))
            piece.setLabelFont(font)
        pie.setPieSize(0.7)
        chart.addSeries(pie)
        chart.legend().setVisible(True)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
