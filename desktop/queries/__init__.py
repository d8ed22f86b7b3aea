"""Qt-free reads behind the pages: select statements and small row types."""
