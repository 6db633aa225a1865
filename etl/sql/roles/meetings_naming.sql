-- The meetings one of whose participants is a given spelling.
select mention_id, participants from mentions_meeting where list_contains(participants, $variant)
