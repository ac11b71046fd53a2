CREATE TABLE "catalogue_translations" (
	"entity" text NOT NULL,
	"key" text NOT NULL,
	"field" text NOT NULL,
	"language" text NOT NULL,
	"text" text NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalogue_translations_entity_key_field_language_pk" PRIMARY KEY("entity","key","field","language"),
	CONSTRAINT "catalogue_translations_language_known" CHECK ("catalogue_translations"."language" in ('th', 'vi', 'id', 'ms', 'fil', 'km', 'my', 'lo', 'zh-Hans')),
	CONSTRAINT "catalogue_translations_entity_known" CHECK ("catalogue_translations"."entity" in ('state', 'group', 'recommendation'))
);
--> statement-breakpoint
ALTER TABLE "catalogue_translations" ADD CONSTRAINT "catalogue_translations_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;