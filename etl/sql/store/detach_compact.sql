-- Done copying: the fresh file is written through and closed.
detach compact
