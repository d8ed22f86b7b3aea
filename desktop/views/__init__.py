"""All Qt: the main window, pages, dialogs and the icon catalogue; nothing else imports Qt."""
