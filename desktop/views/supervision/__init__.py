"""成果督办 (district): supervision of every room's outcomes, by unit, with the 督办单."""
