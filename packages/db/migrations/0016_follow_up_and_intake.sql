CREATE TABLE "commitment_evidence" (
	"commitment_id" uuid NOT NULL,
	"evidence_id" uuid NOT NULL,
	CONSTRAINT "commitment_evidence_commitment_id_evidence_id_pk" PRIMARY KEY("commitment_id","evidence_id")
);
--> statement-breakpoint
CREATE TABLE "commitment_recommendations" (
	"commitment_id" uuid NOT NULL,
	"recommendation_id" uuid NOT NULL,
	CONSTRAINT "commitment_recommendations_commitment_id_recommendation_id_pk" PRIMARY KEY("commitment_id","recommendation_id")
);
--> statement-breakpoint
CREATE TABLE "commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"iso3" char(3) NOT NULL,
	"text" text NOT NULL,
	"source_url" text NOT NULL,
	"made_on" date NOT NULL,
	"due_by" date,
	"met_on" date,
	"withdrawn_on" date,
	"withdrawal_reason" text,
	"closed_by" uuid,
	"close_note" text,
	"due_soon_told_at" timestamp (3) with time zone,
	"overdue_told_at" timestamp (3) with time zone,
	"created_by" uuid NOT NULL,
	"review_state" text DEFAULT 'proposed' NOT NULL,
	"reviewer_id" uuid,
	"reviewed_at" timestamp (3) with time zone,
	"review_note" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commitments_review_state_known" CHECK ("commitments"."review_state" in ('proposed', 'accepted', 'returned')),
	CONSTRAINT "commitments_source_url_scheme" CHECK ("commitments"."source_url" ~ '^https?://'),
	CONSTRAINT "commitments_four_eyes" CHECK ("commitments"."reviewer_id" is null or "commitments"."reviewer_id" <> "commitments"."created_by"),
	CONSTRAINT "commitments_review_complete" CHECK (("commitments"."review_state" = 'proposed') = ("commitments"."reviewer_id" is null and "commitments"."reviewed_at" is null)),
	CONSTRAINT "commitments_due_after_made" CHECK ("commitments"."due_by" is null or "commitments"."due_by" >= "commitments"."made_on"),
	CONSTRAINT "commitments_withdrawal_has_reason" CHECK (("commitments"."withdrawn_on" is null) = ("commitments"."withdrawal_reason" is null)),
	CONSTRAINT "commitments_closed_once" CHECK ("commitments"."met_on" is null or "commitments"."withdrawn_on" is null),
	CONSTRAINT "commitments_closed_when_accepted" CHECK (("commitments"."met_on" is null and "commitments"."withdrawn_on" is null) or "commitments"."review_state" = 'accepted')
);
--> statement-breakpoint
CREATE TABLE "replies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"iso3" char(3) NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"source_url" text NOT NULL,
	"published_on" date NOT NULL,
	"claimed_status" text,
	"created_by" uuid NOT NULL,
	"review_state" text DEFAULT 'proposed' NOT NULL,
	"reviewer_id" uuid,
	"reviewed_at" timestamp (3) with time zone,
	"review_note" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "replies_kind_known" CHECK ("replies"."kind" in ('official_reply', 'self_assessment', 'review_response', 'other')),
	CONSTRAINT "replies_claimed_status_known" CHECK ("replies"."claimed_status" in ('not_assessed', 'regressed', 'no_action', 'committed', 'framework_adopted', 'implementing', 'effective')),
	CONSTRAINT "replies_review_state_known" CHECK ("replies"."review_state" in ('proposed', 'accepted', 'returned')),
	CONSTRAINT "replies_source_url_scheme" CHECK ("replies"."source_url" ~ '^https?://'),
	CONSTRAINT "replies_four_eyes" CHECK ("replies"."reviewer_id" is null or "replies"."reviewer_id" <> "replies"."created_by"),
	CONSTRAINT "replies_review_complete" CHECK (("replies"."review_state" = 'proposed') = ("replies"."reviewer_id" is null and "replies"."reviewed_at" is null))
);
--> statement-breakpoint
CREATE TABLE "intake_files" (
	"submission_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"filename" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "intake_files_submission_id_position_pk" PRIMARY KEY("submission_id","position"),
	CONSTRAINT "intake_files_position" CHECK ("intake_files"."position" between 0 and 2)
);
--> statement-breakpoint
CREATE TABLE "intake_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"content" jsonb NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"challenge_id" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"triaged_by" uuid,
	"triaged_at" timestamp (3) with time zone,
	"triage_reason" jsonb,
	"evidence_id" uuid,
	CONSTRAINT "intake_submissions_challenge_id_unique" UNIQUE("challenge_id"),
	CONSTRAINT "intake_status_known" CHECK ("intake_submissions"."status" in ('new', 'converted', 'discarded')),
	CONSTRAINT "intake_triage_complete" CHECK (("intake_submissions"."status" = 'new') = ("intake_submissions"."triaged_by" is null and "intake_submissions"."triaged_at" is null and "intake_submissions"."triage_reason" is null))
);
--> statement-breakpoint
ALTER TABLE "access_log" DROP CONSTRAINT "access_log_action_known";--> statement-breakpoint
ALTER TABLE "record_keys" DROP CONSTRAINT "record_keys_type_known";--> statement-breakpoint
ALTER TABLE "mail_outbox" DROP CONSTRAINT "mail_outbox_kind_known";--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_known";--> statement-breakpoint
ALTER TABLE "commitment_evidence" ADD CONSTRAINT "commitment_evidence_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_evidence" ADD CONSTRAINT "commitment_evidence_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_recommendations" ADD CONSTRAINT "commitment_recommendations_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_recommendations" ADD CONSTRAINT "commitment_recommendations_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_iso3_states_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."states"("iso3") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replies" ADD CONSTRAINT "replies_iso3_states_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."states"("iso3") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replies" ADD CONSTRAINT "replies_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replies" ADD CONSTRAINT "replies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replies" ADD CONSTRAINT "replies_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_files" ADD CONSTRAINT "intake_files_submission_id_intake_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."intake_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_submissions" ADD CONSTRAINT "intake_submissions_triaged_by_users_id_fk" FOREIGN KEY ("triaged_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_submissions" ADD CONSTRAINT "intake_submissions_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commitment_recommendations_rec_idx" ON "commitment_recommendations" USING btree ("recommendation_id");--> statement-breakpoint
CREATE INDEX "commitments_state_idx" ON "commitments" USING btree ("iso3","made_on");--> statement-breakpoint
CREATE INDEX "commitments_due_idx" ON "commitments" USING btree ("due_by") WHERE "commitments"."review_state" = 'accepted' and "commitments"."met_on" is null and "commitments"."withdrawn_on" is null;--> statement-breakpoint
CREATE INDEX "commitments_queue_idx" ON "commitments" USING btree ("review_state","created_at");--> statement-breakpoint
CREATE INDEX "replies_cell_idx" ON "replies" USING btree ("iso3","recommendation_id","published_on");--> statement-breakpoint
CREATE INDEX "replies_queue_idx" ON "replies" USING btree ("review_state","created_at");--> statement-breakpoint
CREATE INDEX "intake_status_idx" ON "intake_submissions" USING btree ("status","received_at");--> statement-breakpoint
ALTER TABLE "access_log" ADD CONSTRAINT "access_log_action_known" CHECK ("access_log"."action" in ('evidence.read', 'evidence.revisions', 'attachment.download', 'export', 'intake.read'));--> statement-breakpoint
ALTER TABLE "record_keys" ADD CONSTRAINT "record_keys_type_known" CHECK ("record_keys"."entity_type" in ('evidence', 'user', 'blob', 'intake'));--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_kind_known" CHECK ("mail_outbox"."kind" in ('subscription_confirm', 'followed_evidence', 'followed_assessment', 'followed_commitment_due', 'followed_commitment_overdue'));--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_known" CHECK ("notifications"."kind" in ('evidence_verified', 'evidence_rejected', 'change_verified', 'change_rejected', 'assessment_approved', 'assessment_returned', 'review_digest', 'password_changed', 'totp_enabled', 'totp_disabled', 'followed_evidence', 'followed_assessment', 'followed_commitment_due', 'followed_commitment_overdue'));--> statement-breakpoint
CREATE CONSTRAINT TRIGGER replies_data_version AFTER INSERT OR UPDATE OR DELETE ON "replies" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE TRIGGER replies_data_version_truncate AFTER TRUNCATE ON "replies" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER commitments_data_version AFTER INSERT OR UPDATE OR DELETE ON "commitments" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE TRIGGER commitments_data_version_truncate AFTER TRUNCATE ON "commitments" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER commitment_recommendations_data_version AFTER INSERT OR UPDATE OR DELETE ON "commitment_recommendations" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE TRIGGER commitment_recommendations_data_version_truncate AFTER TRUNCATE ON "commitment_recommendations" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER commitment_evidence_data_version AFTER INSERT OR UPDATE OR DELETE ON "commitment_evidence" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();
--> statement-breakpoint
CREATE TRIGGER commitment_evidence_data_version_truncate AFTER TRUNCATE ON "commitment_evidence" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();
