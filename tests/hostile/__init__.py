"""Hostile batteries: inputs an attacker controls, through the CLI, the HTTP API and specs."""
