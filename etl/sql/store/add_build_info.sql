insert into build_info values (?, ?)
