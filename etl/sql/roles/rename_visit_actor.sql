-- One spelling of a person (found to be the same office-holder) renamed to the kept one.
update mentions_visit set actor = $kept where actor = $variant
