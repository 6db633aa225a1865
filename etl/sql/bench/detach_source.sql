detach src
