-- corrected = false on the mentions of {table} loaded without the corrections step.
update {table} set corrected = false where corrected is null
