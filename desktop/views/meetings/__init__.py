"""The meetings page (议事活动) and the meeting editor with its tabs."""
