-- The corrections tables are written afresh by every build.
delete from corrections_orphaned;
delete from corrections;
delete from person_corrections;
