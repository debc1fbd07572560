-- A header comment that psql does not send

/* A leading block comment that psql sends with its statement */
CREATE TABLE layout (a int, b text);   -- a trailing comment, dropped

INSERT INTO layout
  -- an inner comment, kept

  VALUES (1, 'x');INSERT INTO layout VALUES (2, 'y') ; INSERT INTO layout VALUES (3, '/* not a comment */');

SELECT a /* inner /* nested ; */ still comment ; */ FROM layout
WHERE b <> '--not a comment;'
ORDER BY a;
	 	SELECT 1 AS "tab-indented";
CREATE TABLE drizzle (id serial PRIMARY KEY);
--> statement-breakpoint
CREATE INDEX drizzle_id ON drizzle (id);--> statement-breakpoint
SELECT 1 -- the end is on the next line
;
/* comment */ ;
;
SELECT 1 - -1, 2--3
, 4 AS "four";
