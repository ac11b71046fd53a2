CREATE TABLE "data_version" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "data_version_one_row" CHECK ("data_version"."id" = 1)
);
--> statement-breakpoint
-- The data version: bumped once per transaction that writes a table public answers are made from,
-- at commit (deferred), so the row is locked only while the writing transaction commits and a long
-- import does not hold up other writers. Cached public answers are kept under the version they were
-- computed at (packages/db/src/read-cache.ts).
INSERT INTO data_version (id, n) VALUES (1, 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE FUNCTION data_version_bump() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('tracker.data_version_bumped', true) IS DISTINCT FROM pg_current_xact_id()::text THEN
    UPDATE data_version SET n = n + 1 WHERE id = 1;
    PERFORM set_config('tracker.data_version_bumped', pg_current_xact_id()::text, true);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER states_data_version AFTER INSERT OR UPDATE OR DELETE ON "states" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE TRIGGER states_data_version_truncate AFTER TRUNCATE ON "states" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER state_roles_data_version AFTER INSERT OR UPDATE OR DELETE ON "state_roles" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE TRIGGER state_roles_data_version_truncate AFTER TRUNCATE ON "state_roles" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER sites_data_version AFTER INSERT OR UPDATE OR DELETE ON "sites" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE TRIGGER sites_data_version_truncate AFTER TRUNCATE ON "sites" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER site_status_events_data_version AFTER INSERT OR UPDATE OR DELETE ON "site_status_events" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE TRIGGER site_status_events_data_version_truncate AFTER TRUNCATE ON "site_status_events" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER frameworks_data_version AFTER INSERT OR UPDATE OR DELETE ON "frameworks" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE TRIGGER frameworks_data_version_truncate AFTER TRUNCATE ON "frameworks" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER recommendation_groups_data_version AFTER INSERT OR UPDATE OR DELETE ON "recommendation_groups" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE TRIGGER recommendation_groups_data_version_truncate AFTER TRUNCATE ON "recommendation_groups" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER recommendations_data_version AFTER INSERT OR UPDATE OR DELETE ON "recommendations" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE TRIGGER recommendations_data_version_truncate AFTER TRUNCATE ON "recommendations" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER indicators_data_version AFTER INSERT OR UPDATE OR DELETE ON "indicators" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE TRIGGER indicators_data_version_truncate AFTER TRUNCATE ON "indicators" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER observations_data_version AFTER INSERT OR UPDATE OR DELETE ON "observations" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE TRIGGER observations_data_version_truncate AFTER TRUNCATE ON "observations" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER catalogue_translations_data_version AFTER INSERT OR UPDATE OR DELETE ON "catalogue_translations" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE TRIGGER catalogue_translations_data_version_truncate AFTER TRUNCATE ON "catalogue_translations" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER evidence_data_version AFTER INSERT OR UPDATE OR DELETE ON "evidence" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE TRIGGER evidence_data_version_truncate AFTER TRUNCATE ON "evidence" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER evidence_recommendations_data_version AFTER INSERT OR UPDATE OR DELETE ON "evidence_recommendations" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE TRIGGER evidence_recommendations_data_version_truncate AFTER TRUNCATE ON "evidence_recommendations" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER evidence_sites_data_version AFTER INSERT OR UPDATE OR DELETE ON "evidence_sites" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE TRIGGER evidence_sites_data_version_truncate AFTER TRUNCATE ON "evidence_sites" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER evidence_attachments_data_version AFTER INSERT OR UPDATE OR DELETE ON "evidence_attachments" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE TRIGGER evidence_attachments_data_version_truncate AFTER TRUNCATE ON "evidence_attachments" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER assessments_data_version AFTER INSERT OR UPDATE OR DELETE ON "assessments" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE TRIGGER assessments_data_version_truncate AFTER TRUNCATE ON "assessments" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER assessment_evidence_data_version AFTER INSERT OR UPDATE OR DELETE ON "assessment_evidence" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE TRIGGER assessment_evidence_data_version_truncate AFTER TRUNCATE ON "assessment_evidence" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER users_data_version AFTER INSERT OR UPDATE OR DELETE ON "users" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE TRIGGER users_data_version_truncate AFTER TRUNCATE ON "users" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER evidence_cell_counts_data_version AFTER INSERT OR UPDATE OR DELETE ON "evidence_cell_counts" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE TRIGGER evidence_cell_counts_data_version_truncate AFTER TRUNCATE ON "evidence_cell_counts" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
