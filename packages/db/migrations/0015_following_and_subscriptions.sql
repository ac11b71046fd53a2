CREATE TABLE "follows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"iso3" char(3),
	"recommendation_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follows_one_target" CHECK (("follows"."iso3" is null) <> ("follows"."recommendation_id" is null))
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"iso3" char(3),
	"language" text DEFAULT 'en' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp (3) with time zone,
	CONSTRAINT "subscriptions_language_known" CHECK ("subscriptions"."language" in ('en', 'th', 'vi', 'id', 'ms', 'fil', 'km', 'my', 'lo', 'zh-Hans'))
);
--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_mail_off_known";--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_known";--> statement-breakpoint
ALTER TABLE "mail_outbox" ALTER COLUMN "notification_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "subscription_id" uuid;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "kind" text;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "entity_id" uuid;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "iso3" char(3);--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "iso3" char(3);--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_iso3_states_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."states"("iso3") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_iso3_states_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."states"("iso3") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "follows_user_state_unique" ON "follows" USING btree ("user_id","iso3") WHERE "follows"."iso3" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "follows_user_recommendation_unique" ON "follows" USING btree ("user_id","recommendation_id") WHERE "follows"."recommendation_id" is not null;--> statement-breakpoint
CREATE INDEX "follows_state_idx" ON "follows" USING btree ("iso3");--> statement-breakpoint
CREATE INDEX "follows_recommendation_idx" ON "follows" USING btree ("recommendation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_email_state_unique" ON "subscriptions" USING btree ("email","iso3") WHERE "subscriptions"."iso3" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_email_all_unique" ON "subscriptions" USING btree ("email") WHERE "subscriptions"."iso3" is null;--> statement-breakpoint
CREATE INDEX "subscriptions_state_idx" ON "subscriptions" USING btree ("iso3") WHERE "subscriptions"."confirmed_at" is not null;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_outbox_subscription_idx" ON "mail_outbox" USING btree ("subscription_id","created_at");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_mail_off_known" CHECK ("users"."mail_off" <@ array['decisions', 'review_digest', 'account_security', 'following']::text[]);--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_one_recipient" CHECK (("mail_outbox"."notification_id" is null) <> ("mail_outbox"."subscription_id" is null));--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_subscriber_kind" CHECK ("mail_outbox"."subscription_id" is null or "mail_outbox"."kind" is not null);--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_kind_known" CHECK ("mail_outbox"."kind" in ('subscription_confirm', 'followed_evidence', 'followed_assessment'));--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_known" CHECK ("notifications"."kind" in ('evidence_verified', 'evidence_rejected', 'change_verified', 'change_rejected', 'assessment_approved', 'assessment_returned', 'review_digest', 'password_changed', 'totp_enabled', 'totp_disabled', 'followed_evidence', 'followed_assessment'));