-- The same renaming in the offices the articles gave people.
update role_observations set name = $kept where name = $variant
