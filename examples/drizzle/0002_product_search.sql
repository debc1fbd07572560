-- Custom SQL migration file, put your code below! --
ALTER TABLE "products" ADD COLUMN "search" tsvector;
--> statement-breakpoint
CREATE FUNCTION products_search_refresh() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	NEW.search := to_tsvector('simple', coalesce(NEW.title, ''));
	RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER products_search_refresh BEFORE INSERT OR UPDATE OF "title" ON "products"
	FOR EACH ROW EXECUTE FUNCTION products_search_refresh();
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "products_search_idx" ON "products" USING gin ("search");
