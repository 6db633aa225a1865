-- The text of one article, where an added fact's evidence must be found.
select text from articles where id = ?
