CREATE TABLE "role_policies" (
	"role" text PRIMARY KEY NOT NULL,
	"require_totp" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "role_policies_role_known" CHECK ("role_policies"."role" in ('admin', 'reviewer', 'monitor', 'policymaker'))
);
