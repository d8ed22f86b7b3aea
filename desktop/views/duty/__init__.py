"""履职评价 (district): members' duty scores by year, the rules editor, the district's own acts."""
