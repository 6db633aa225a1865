-- The articles an attached database ({corrections} names its corrections table) had
-- corrections for: their stored facts are corrected ones, so a build extracts them again.
select distinct article_id from {corrections}
