"""The settings page (设置): backups, printing fonts, the data folder and the room's details."""
