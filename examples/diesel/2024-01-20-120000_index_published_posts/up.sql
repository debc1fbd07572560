-- Built without locking out writes: CONCURRENTLY cannot run in a transaction,
-- so metadata.toml turns diesel's (and Cairn's) transaction off.
CREATE INDEX CONCURRENTLY posts_published_at_idx ON posts (published_at DESC) WHERE published;
