"""Shuttle's write side: read articles, extract facts, resolve events, load DuckDB."""
