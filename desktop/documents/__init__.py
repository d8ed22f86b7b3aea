"""Printed documents (minutes, sign-in sheet, notices, ledger) in the GB/T 9704-2012 layout."""
