"""Tests of the page reads; a package so its module names never clash with tests/workflow."""
