-- Quotes of every kind, each hiding semicolons, and things that only look like quotes.
CREATE TABLE "odd; name" ("semi;colon" text, "quo""te;" text, plain text);

INSERT INTO "odd; name" VALUES ('a;b', 'it''s; fine', 'C:\path\'); -- a backslash is literal in a plain string
INSERT INTO "odd; name" VALUES (E'esc \' ; still', e'back\\slash;', E'\\');
INSERT INTO "odd; name" VALUES (U&'d\0061t\+000061;', N'national;', 'multi
line; string

with a blank line inside the literal');
SELECT B'1010', X'1F', b'0', x'ff' ; SELECT 'x' AS "a;b", 1 AS "semi;;" ;
SELECT $$dollar; 'quoted' "too" -- /* $$, $fn$ outer $inner$ ; $inner$ still outer $$ ; $fn$;
SELECT $a1$ tagged ; $a1$, $_$ underscore ; $_$ AS "$x$;";
PREPARE p(int, text) AS SELECT $1, $2 || ';';
EXECUTE p(1, 'x');
DEALLOCATE p;
CREATE TABLE a$b (c$d int, "e;f" int);
INSERT INTO a$b VALUES (1, 2);
SELECT c$d, "e;f" FROM a$b WHERE c$d = 1 ;
SELECT 'café; crème' AS "naïve;", 1 AS ñ, U&"d\0061t;" FROM (SELECT 1 AS "dat;") AS s;
SELECT 1e5 AS r, 1.5 AS d, .5 AS h, 1::text AS c, 2 AS "x""y", 3 AS "'", '"' AS q;
SELECT $q$ a $ b $$ c $qq$ ; $q$ AS dollars
