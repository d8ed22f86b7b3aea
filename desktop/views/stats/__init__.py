"""The 统计 page: figures, tables and charts of a period, and their exports."""
