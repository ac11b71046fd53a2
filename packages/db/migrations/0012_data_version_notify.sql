-- Every change to the data version is announced on the channel `tracker_data_version`, delivered at
-- commit. The embedded database (one process holds its data folder) keeps the version in memory and
-- reads it again only after an announcement, so a public answer served from the read cache costs no
-- query there (packages/db/src/read-cache.ts). On PostgreSQL nobody listens and versions are read.
CREATE FUNCTION data_version_announce() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tracker_data_version', '');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER data_version_announce AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "data_version" FOR EACH STATEMENT EXECUTE FUNCTION data_version_announce();
