"""The sync page (同步): bundles out and in, the history, quarantine and key problems."""
