"""The activities page (活动与案件): activities and cases, and the dialogs that record them."""
