-- The target (JSON) a stored correction names its fact by.
select target from corrections where id = ?
