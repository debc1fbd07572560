CREATE TABLE people (id int, name text, note text);
COPY people (id, name, note) FROM stdin;
1	Ann	semi; colon
2	Bob's	'quoted' "double" $$dollar$$ /* x
3	\N	back\\slash -- no comment
\.
COPY people FROM STDIN WITH (FORMAT csv, HEADER true);
id,name,note
4,"Cee; d",plain
5,Dee,"multi
line; field"
\.
copy people from stdin; SELECT count(*) FROM people;
6	Eve	same line
\.
INSERT INTO people VALUES (7, 'Fay', 'after copy');
COPY (SELECT * FROM people ORDER BY id) TO stdout;
COPY people FROM stdin;
\.
SELECT count(*) FROM people
