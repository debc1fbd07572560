-- What psql 15 does that the splitter once refused or sent otherwise (issue 11).
CREATE TABLE outbox (id int, body text);
COPY outbox FROM STDOUT;
1	from stdout
2	second; row $$ /* x
\.
copy outbox (id, body) from stdout with (format csv);
3,"csv; row"
\.
SET standard_conforming_strings = off;
INSERT INTO outbox VALUES (4, 'back\\slash'), (5, 'it\'s; quoted');
SELECT 'a\\' AS escaped;
SET standard_conforming_strings TO on;
SELECT 'C:\' AS literal;
SET SESSION standard_conforming_strings = 'off';
SELECT '\'' AS quote, N'n\'' AS national, E'e\'' AS escape;
RESET standard_conforming_strings;
SELECT 'x\' AS reset;

SELECT id,

       body
   
FROM outbox


ORDER BY id;
SELECT 1 /* a comment

with an empty line */, 'a string

with one too';
/* a comment-only buffer at the end of the file, which psql sends */

-- and the line comment after it

