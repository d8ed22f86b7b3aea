"""The frame around the pages: the main window, its page registry, the first-run dialog."""
