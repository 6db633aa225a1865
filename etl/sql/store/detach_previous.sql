detach previous
