CREATE TABLE "auth_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"attempts" integer NOT NULL,
	"last_attempt_at" timestamp (3) with time zone NOT NULL,
	"blocked_until" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "blob_chunks" (
	"sha256" char(64) NOT NULL,
	"seq" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "blob_chunks_sha256_seq_pk" PRIMARY KEY("sha256","seq"),
	CONSTRAINT "blob_chunks_bounded" CHECK (octet_length("blob_chunks"."bytes") <= 262144 + 64)
);
--> statement-breakpoint
CREATE TABLE "access_log" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "access_log_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"user_id" uuid NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"client_address" text,
	CONSTRAINT "access_log_action_known" CHECK ("access_log"."action" in ('evidence.read', 'evidence.revisions', 'attachment.download', 'export'))
);
--> statement-breakpoint
CREATE TABLE "tracker_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" "bytea" NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_last_step" bigint;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "content_changed_by" uuid;--> statement-breakpoint
UPDATE "evidence" SET "content_changed_by" = "created_by";--> statement-breakpoint
ALTER TABLE "evidence" ALTER COLUMN "content_changed_by" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "pending_change" jsonb;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "pending_by" uuid;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "pending_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "audit_ledger" ADD COLUMN "format" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_ledger" ADD COLUMN "entity_ref" char(64);--> statement-breakpoint
ALTER TABLE "audit_ledger" ADD COLUMN "actor_ref" char(64);--> statement-breakpoint
ALTER TABLE "audit_ledger" ADD COLUMN "before_digest" char(64);--> statement-breakpoint
ALTER TABLE "audit_ledger" ADD COLUMN "after_digest" char(64);--> statement-breakpoint
ALTER TABLE "audit_ledger" ADD COLUMN "state_digest" char(64);--> statement-breakpoint
ALTER TABLE "blob_chunks" ADD CONSTRAINT "blob_chunks_sha256_blobs_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."blobs"("sha256") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_log" ADD CONSTRAINT "access_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_log_at_idx" ON "access_log" USING btree ("at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "access_log_user_idx" ON "access_log" USING btree ("user_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "access_log_entity_idx" ON "access_log" USING btree ("entity_id");--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_content_changed_by_users_id_fk" FOREIGN KEY ("content_changed_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_pending_by_users_id_fk" FOREIGN KEY ("pending_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_pending_idx" ON "evidence" USING btree ("pending_at") WHERE "evidence"."pending_by" is not null;--> statement-breakpoint
CREATE INDEX "audit_ledger_entity_idx" ON "audit_ledger" USING btree ("entity_type","entity_id","seq");--> statement-breakpoint
INSERT INTO "blob_chunks" ("sha256", "seq", "bytes")
  SELECT "sha256", g, substring("content" from g * 262144 + 1 for 262144)
  FROM "blobs", generate_series(0, greatest((octet_length("content") - 1) / 262144, 0)) AS g;--> statement-breakpoint
ALTER TABLE "blobs" DROP COLUMN "content";--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_pending_only_verified" CHECK (("evidence"."pending_change" is null) = ("evidence"."pending_by" is null) and ("evidence"."pending_by" is null or "evidence"."status" = 'verified'));--> statement-breakpoint
ALTER TABLE "audit_ledger" ADD CONSTRAINT "audit_ledger_format_known" CHECK ("audit_ledger"."format" in (1, 2));