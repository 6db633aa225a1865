-- A fresh file beside the build's database, to copy it into without the free blocks.
attach ? as compact
