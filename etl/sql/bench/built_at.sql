-- benchmarks/generate_mentions.py: the generated database's build time.
insert into build_info values ('built_at', cast(now() as varchar))
