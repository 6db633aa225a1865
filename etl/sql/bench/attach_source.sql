-- benchmarks/generate_mentions.py: the sample database every copy is made from, read-only.
attach ? as src (read_only)
