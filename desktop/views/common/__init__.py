"""What the pages share: table models, forms, icons, theme, background work, print preview."""
