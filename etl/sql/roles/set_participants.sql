-- A meeting's participants after a spelling was renamed.
update mentions_meeting set participants = $participants where mention_id = $mention_id
