"""Backup and restore of a whole installation: database rows (database-neutral) and uploaded files."""
