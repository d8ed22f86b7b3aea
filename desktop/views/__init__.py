"""All Qt, one subpackage per page, plus shell/ (the frame) and common/; nothing else imports Qt."""
