CREATE TABLE "record_keys" (
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"wrapped" "bytea" NOT NULL,
	"key_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"rewrapped_at" timestamp (3) with time zone,
	CONSTRAINT "record_keys_entity_type_entity_id_pk" PRIMARY KEY("entity_type","entity_id"),
	CONSTRAINT "record_keys_type_known" CHECK ("record_keys"."entity_type" in ('evidence', 'user', 'blob'))
);
--> statement-breakpoint
ALTER TABLE "evidence" DROP CONSTRAINT "evidence_source_url_scheme";--> statement-breakpoint
ALTER TABLE "blobs" ADD COLUMN "sealed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "erased_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "erased_by" uuid;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "erasure_reason" text;--> statement-breakpoint
ALTER TABLE "tracker_secrets" ADD COLUMN "key_id" text;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_erased_by_users_id_fk" FOREIGN KEY ("erased_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_erasure_has_reason" CHECK (("evidence"."erased_at" is null) = ("evidence"."erasure_reason" is null));--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_source_url_scheme" CHECK ("evidence"."source_url" is null or "evidence"."source_url" ~ '^(https?://|enc:v1:)');--> statement-breakpoint
-- The ledger stays append-only for everything its hashes commit to. The one change allowed is to seal
-- (encrypt) or unseal an entry's content in place, and to record, once, the digests a format 1 entry
-- was hashed with: the digests stay, so verification still proves the content is what was written.
CREATE OR REPLACE FUNCTION audit_ledger_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
    AND (NEW.seq, NEW.at, NEW.actor_id, NEW.action, NEW.entity_type, NEW.entity_id, NEW.format, NEW.entity_ref, NEW.actor_ref, NEW.state_digest, NEW.prev_hash, NEW.hash)
      IS NOT DISTINCT FROM (OLD.seq, OLD.at, OLD.actor_id, OLD.action, OLD.entity_type, OLD.entity_id, OLD.format, OLD.entity_ref, OLD.actor_ref, OLD.state_digest, OLD.prev_hash, OLD.hash)
    AND NEW.before_digest IS NOT NULL AND NEW.after_digest IS NOT NULL
    AND (OLD.before_digest IS NULL OR NEW.before_digest = OLD.before_digest)
    AND (OLD.after_digest IS NULL OR NEW.after_digest = OLD.after_digest)
    AND (NEW.before IS NOT DISTINCT FROM OLD.before OR jsonb_typeof(NEW.before) = 'object' AND NEW.before ? 'sealed' OR jsonb_typeof(OLD.before) = 'object' AND OLD.before ? 'sealed')
    AND (NEW.after IS NOT DISTINCT FROM OLD.after OR jsonb_typeof(NEW.after) = 'object' AND NEW.after ? 'sealed' OR jsonb_typeof(OLD.after) = 'object' AND OLD.after ? 'sealed')
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_ledger is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
