"""Shuttle's read side: database access, named queries, filters and pure chart/map builders."""
