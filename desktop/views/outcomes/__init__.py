"""The outcomes page (成果落实): the list, one outcome's detail and its follow-up dialogs."""
