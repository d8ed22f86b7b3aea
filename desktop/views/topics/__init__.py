"""The topics page (议题): the list, one topic's detail and the dialogs of its next steps."""
