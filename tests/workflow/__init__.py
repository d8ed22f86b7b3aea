"""Tests of the writes; a package so its module names never clash with tests/views."""
