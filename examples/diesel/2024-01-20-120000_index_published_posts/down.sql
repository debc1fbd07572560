DROP INDEX CONCURRENTLY posts_published_at_idx;
