-- pg_trgm (shipped with PostgreSQL, also in embedded-postgres) backs the trigram indexes for reader search.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "reader_profiles_browse_recommended_idx" ON "reader_profiles" USING btree ((case "status" when 'online' then 0 when 'busy' then 1 when 'away' then 2 else 3 end),((-"rating_average")::real),(-"rating_count"),"user_id") WHERE listed = 'listed';--> statement-breakpoint
CREATE INDEX "reader_profiles_browse_rating_idx" ON "reader_profiles" USING btree (((-"rating_average")::real),(-"rating_count"),"user_id") WHERE listed = 'listed';--> statement-breakpoint
CREATE INDEX "reader_profiles_browse_newest_idx" ON "reader_profiles" USING btree (((-extract(epoch from ("created_at" at time zone 'UTC')))::float8),"user_id") WHERE listed = 'listed';--> statement-breakpoint
CREATE INDEX "reader_profiles_browse_chat_rate_idx" ON "reader_profiles" USING btree (coalesce("chat_rate_cents", 1000000),"user_id") WHERE listed = 'listed';--> statement-breakpoint
CREATE INDEX "reader_profiles_browse_voice_rate_idx" ON "reader_profiles" USING btree (coalesce("voice_rate_cents", 1000000),"user_id") WHERE listed = 'listed';--> statement-breakpoint
CREATE INDEX "reader_profiles_browse_video_rate_idx" ON "reader_profiles" USING btree (coalesce("video_rate_cents", 1000000),"user_id") WHERE listed = 'listed';--> statement-breakpoint
CREATE INDEX "reader_profiles_browse_cheapest_rate_idx" ON "reader_profiles" USING btree (least(coalesce("chat_rate_cents", 1000000), coalesce("voice_rate_cents", 1000000), coalesce("video_rate_cents", 1000000)));--> statement-breakpoint
CREATE INDEX "reader_profiles_display_name_trgm_idx" ON "reader_profiles" USING gin ("display_name" gin_trgm_ops) WHERE listed = 'listed';--> statement-breakpoint
CREATE INDEX "reader_profiles_headline_trgm_idx" ON "reader_profiles" USING gin ("headline" gin_trgm_ops) WHERE listed = 'listed';--> statement-breakpoint
CREATE INDEX "reader_profiles_bio_trgm_idx" ON "reader_profiles" USING gin ("bio" gin_trgm_ops) WHERE listed = 'listed';--> statement-breakpoint
CREATE INDEX "reader_profiles_specialties_idx" ON "reader_profiles" USING gin ("specialties") WHERE listed = 'listed';--> statement-breakpoint
CREATE INDEX "reader_profiles_languages_idx" ON "reader_profiles" USING gin ("languages") WHERE listed = 'listed';