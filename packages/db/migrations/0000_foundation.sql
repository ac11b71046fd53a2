CREATE TABLE "frameworks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"publisher" text NOT NULL,
	"published_on" date NOT NULL,
	"url" text NOT NULL,
	"licence" text NOT NULL,
	"citation" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "frameworks_slug_unique" UNIQUE("slug"),
	CONSTRAINT "frameworks_title_not_blank" CHECK (length(trim("frameworks"."title")) > 0)
);
--> statement-breakpoint
CREATE TABLE "recommendation_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"framework_id" uuid NOT NULL,
	"key" text NOT NULL,
	"title" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "recommendation_groups_framework_key" UNIQUE("framework_id","key")
);
--> statement-breakpoint
CREATE TABLE "recommendations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"framework_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"key" text NOT NULL,
	"title" text NOT NULL,
	"paraphrase" text NOT NULL,
	"addressees" text[] NOT NULL,
	"sdg_targets" text[] DEFAULT '{}' NOT NULL,
	"source_locator" text NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendations_key_unique" UNIQUE("key"),
	CONSTRAINT "recommendations_addressees_known" CHECK ("recommendations"."addressees" <@ array['all', 'origin', 'transit', 'destination', 'business']::text[]),
	CONSTRAINT "recommendations_title_not_blank" CHECK (length(trim("recommendations"."title")) > 0)
);
--> statement-breakpoint
CREATE TABLE "state_roles" (
	"iso3" char(3) NOT NULL,
	"role" text NOT NULL,
	"basis" text NOT NULL,
	"citation" text NOT NULL,
	CONSTRAINT "state_roles_iso3_role_pk" PRIMARY KEY("iso3","role"),
	CONSTRAINT "state_roles_role_known" CHECK ("state_roles"."role" in ('origin', 'transit', 'destination'))
);
--> statement-breakpoint
CREATE TABLE "states" (
	"iso3" char(3) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "states_iso3_upper" CHECK ("states"."iso3" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "site_status_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"status" text NOT NULL,
	"observed_on" date NOT NULL,
	"note" text,
	"citation" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "site_status_events_once" UNIQUE("site_id","observed_on","status"),
	CONSTRAINT "site_status_events_status_known" CHECK ("site_status_events"."status" in ('reported_active', 'raided', 'closed', 'relocated'))
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"iso3" char(3) NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"admin_area" text,
	"latitude" double precision,
	"longitude" double precision,
	"citation" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sites_state_name" UNIQUE("iso3","name"),
	CONSTRAINT "sites_kind_known" CHECK ("sites"."kind" in ('sez', 'compound', 'casino_hub', 'locality', 'other')),
	CONSTRAINT "sites_latitude_range" CHECK ("sites"."latitude" between -90 and 90),
	CONSTRAINT "sites_longitude_range" CHECK ("sites"."longitude" between -180 and 180),
	CONSTRAINT "sites_coordinates_paired" CHECK (("sites"."latitude" is null) = ("sites"."longitude" is null))
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"description" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicators_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "observations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"iso3" char(3) NOT NULL,
	"observed_on" date NOT NULL,
	"value" numeric NOT NULL,
	"qualifier" text DEFAULT 'exact' NOT NULL,
	"citation" text NOT NULL,
	"source_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "observations_once" UNIQUE("indicator_id","iso3","observed_on"),
	CONSTRAINT "observations_qualifier_known" CHECK ("observations"."qualifier" in ('exact', 'about', 'at_least', 'over'))
);
--> statement-breakpoint
CREATE TABLE "one_time_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"purpose" text NOT NULL,
	"token_hash" char(64) NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "one_time_tokens_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "one_time_tokens_purpose_known" CHECK ("one_time_tokens"."purpose" in ('setup', 'password_reset'))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" char(64) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"client_address" text,
	"user_agent" text,
	CONSTRAINT "sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "user_states" (
	"user_id" uuid NOT NULL,
	"iso3" char(3) NOT NULL,
	CONSTRAINT "user_states_user_id_iso3_pk" PRIMARY KEY("user_id","iso3")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text,
	"totp_secret" text,
	"active" boolean DEFAULT true NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_role_known" CHECK ("users"."role" in ('admin', 'reviewer', 'monitor', 'policymaker')),
	CONSTRAINT "users_email_shape" CHECK ("users"."email" ~ '^[^@[:space:]]+@[^@[:space:]]+$')
);
--> statement-breakpoint
CREATE TABLE "blobs" (
	"sha256" char(64) PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"media_type" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "blobs_sha256_hex" CHECK ("blobs"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "blobs_size_bounded" CHECK ("blobs"."size" between 0 and 20971520)
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"iso3" char(3) NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"kind" text NOT NULL,
	"direction" text NOT NULL,
	"source_url" text,
	"publisher" text,
	"published_on" date,
	"accessed_on" date,
	"language" text NOT NULL,
	"reliability" char(1) NOT NULL,
	"credibility" smallint NOT NULL,
	"visibility" text NOT NULL,
	"contains_personal_data" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"retracted_at" timestamp with time zone,
	"retracted_by" uuid,
	"retraction_reason" text,
	"external_id" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "evidence_kind_known" CHECK ("evidence"."kind" in ('law_regulation', 'policy_plan', 'court_decision', 'enforcement_action', 'official_statement', 'un_ngo_report', 'media_report', 'testimony', 'dataset', 'other')),
	CONSTRAINT "evidence_direction_known" CHECK ("evidence"."direction" in ('progress', 'setback', 'context')),
	CONSTRAINT "evidence_reliability_known" CHECK ("evidence"."reliability" in ('A', 'B', 'C', 'D', 'E', 'F')),
	CONSTRAINT "evidence_credibility_known" CHECK ("evidence"."credibility" in (1, 2, 3, 4, 5, 6)),
	CONSTRAINT "evidence_visibility_known" CHECK ("evidence"."visibility" in ('public', 'restricted', 'confidential')),
	CONSTRAINT "evidence_status_known" CHECK ("evidence"."status" in ('draft', 'submitted', 'verified', 'rejected')),
	CONSTRAINT "evidence_personal_data_confidential" CHECK (not "evidence"."contains_personal_data" or "evidence"."visibility" = 'confidential'),
	CONSTRAINT "evidence_source_url_scheme" CHECK ("evidence"."source_url" is null or "evidence"."source_url" ~ '^https?://'),
	CONSTRAINT "evidence_retraction_has_reason" CHECK (("evidence"."retracted_at" is null) = ("evidence"."retraction_reason" is null)),
	CONSTRAINT "evidence_retract_only_verified" CHECK ("evidence"."retracted_at" is null or "evidence"."status" = 'verified')
);
--> statement-breakpoint
CREATE TABLE "evidence_attachments" (
	"evidence_id" uuid NOT NULL,
	"sha256" char(64) NOT NULL,
	"filename" text NOT NULL,
	"added_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_attachments_evidence_id_sha256_pk" PRIMARY KEY("evidence_id","sha256")
);
--> statement-breakpoint
CREATE TABLE "evidence_recommendations" (
	"evidence_id" uuid NOT NULL,
	"recommendation_id" uuid NOT NULL,
	CONSTRAINT "evidence_recommendations_evidence_id_recommendation_id_pk" PRIMARY KEY("evidence_id","recommendation_id")
);
--> statement-breakpoint
CREATE TABLE "evidence_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evidence_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"changed_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_revisions_once" UNIQUE("evidence_id","revision")
);
--> statement-breakpoint
CREATE TABLE "evidence_sites" (
	"evidence_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	CONSTRAINT "evidence_sites_evidence_id_site_id_pk" PRIMARY KEY("evidence_id","site_id")
);
--> statement-breakpoint
CREATE TABLE "assessment_evidence" (
	"assessment_id" uuid NOT NULL,
	"evidence_id" uuid NOT NULL,
	CONSTRAINT "assessment_evidence_assessment_id_evidence_id_pk" PRIMARY KEY("assessment_id","evidence_id")
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"iso3" char(3) NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"status" text NOT NULL,
	"claimed_status" text,
	"rationale" text NOT NULL,
	"effective_from" date NOT NULL,
	"assessor_id" uuid NOT NULL,
	"review_state" text DEFAULT 'proposed' NOT NULL,
	"reviewer_id" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessments_status_known" CHECK ("assessments"."status" in ('not_assessed', 'regressed', 'no_action', 'committed', 'framework_adopted', 'implementing', 'effective')),
	CONSTRAINT "assessments_claimed_status_known" CHECK ("assessments"."claimed_status" in ('not_assessed', 'regressed', 'no_action', 'committed', 'framework_adopted', 'implementing', 'effective')),
	CONSTRAINT "assessments_review_state_known" CHECK ("assessments"."review_state" in ('proposed', 'approved', 'returned')),
	CONSTRAINT "assessments_four_eyes" CHECK ("assessments"."reviewer_id" is null or "assessments"."reviewer_id" <> "assessments"."assessor_id"),
	CONSTRAINT "assessments_review_complete" CHECK (("assessments"."review_state" = 'proposed') = ("assessments"."reviewer_id" is null and "assessments"."reviewed_at" is null))
);
--> statement-breakpoint
CREATE TABLE "audit_ledger" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_ledger_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"prev_hash" char(64) NOT NULL,
	"hash" char(64) NOT NULL,
	CONSTRAINT "audit_ledger_hash_unique" UNIQUE("hash"),
	CONSTRAINT "audit_ledger_hash_hex" CHECK ("audit_ledger"."hash" ~ '^[0-9a-f]{64}$' and "audit_ledger"."prev_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "recommendation_groups" ADD CONSTRAINT "recommendation_groups_framework_id_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."frameworks"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_framework_id_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."frameworks"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_group_id_recommendation_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."recommendation_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "state_roles" ADD CONSTRAINT "state_roles_iso3_states_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."states"("iso3") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_status_events" ADD CONSTRAINT "site_status_events_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_iso3_states_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."states"("iso3") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_iso3_states_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."states"("iso3") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "one_time_tokens" ADD CONSTRAINT "one_time_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_states" ADD CONSTRAINT "user_states_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_states" ADD CONSTRAINT "user_states_iso3_states_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."states"("iso3") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_iso3_states_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."states"("iso3") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_retracted_by_users_id_fk" FOREIGN KEY ("retracted_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_attachments" ADD CONSTRAINT "evidence_attachments_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_attachments" ADD CONSTRAINT "evidence_attachments_sha256_blobs_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."blobs"("sha256") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_attachments" ADD CONSTRAINT "evidence_attachments_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_recommendations" ADD CONSTRAINT "evidence_recommendations_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_recommendations" ADD CONSTRAINT "evidence_recommendations_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_revisions" ADD CONSTRAINT "evidence_revisions_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_revisions" ADD CONSTRAINT "evidence_revisions_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_sites" ADD CONSTRAINT "evidence_sites_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_sites" ADD CONSTRAINT "evidence_sites_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_evidence" ADD CONSTRAINT "assessment_evidence_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_evidence" ADD CONSTRAINT "assessment_evidence_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_iso3_states_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."states"("iso3") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_assessor_id_users_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_ledger" ADD CONSTRAINT "audit_ledger_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recommendations_group_idx" ON "recommendations" USING btree ("group_id","position");--> statement-breakpoint
CREATE INDEX "site_status_events_site_idx" ON "site_status_events" USING btree ("site_id","observed_on");--> statement-breakpoint
CREATE INDEX "sites_state_idx" ON "sites" USING btree ("iso3");--> statement-breakpoint
CREATE INDEX "observations_state_idx" ON "observations" USING btree ("iso3","indicator_id","observed_on");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_unique" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "evidence_state_status_idx" ON "evidence" USING btree ("iso3","status","visibility");--> statement-breakpoint
CREATE INDEX "evidence_newest_idx" ON "evidence" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "evidence_author_idx" ON "evidence" USING btree ("created_by","status");--> statement-breakpoint
CREATE INDEX "evidence_attachments_blob_idx" ON "evidence_attachments" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "evidence_recommendations_rec_idx" ON "evidence_recommendations" USING btree ("recommendation_id","evidence_id");--> statement-breakpoint
CREATE INDEX "evidence_sites_site_idx" ON "evidence_sites" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "assessment_evidence_evidence_idx" ON "assessment_evidence" USING btree ("evidence_id");--> statement-breakpoint
CREATE INDEX "assessments_cell_idx" ON "assessments" USING btree ("iso3","recommendation_id","effective_from" DESC NULLS LAST,"created_at" DESC NULLS LAST) WHERE "assessments"."review_state" = 'approved';--> statement-breakpoint
CREATE INDEX "assessments_queue_idx" ON "assessments" USING btree ("review_state","created_at");