CREATE TABLE t (id int PRIMARY KEY, note text);
CREATE TABLE log (id int, what text);

CREATE FUNCTION add_one(x int) RETURNS int
LANGUAGE plpgsql AS $body$
DECLARE
  y int;
BEGIN
  y := x + 1; -- semicolons inside the body
  RETURN y;
END;
$body$;

CREATE OR REPLACE FUNCTION classify(x int) RETURNS text
LANGUAGE sql
BEGIN ATOMIC
  SELECT CASE WHEN x > 0 THEN 'positive' ELSE 'other' END;
END;

CREATE PROCEDURE record_it(x int)
LANGUAGE sql
BEGIN ATOMIC
  INSERT INTO log VALUES (x, 'one');
  INSERT INTO log VALUES (x, CASE x WHEN 1 THEN 'uno' ELSE 'many' END);
END;

create or replace procedure record_twice(x int) language sql
begin atomic
  insert into log values (x, 'a'); insert into log values (x, 'b');
end;

CREATE FUNCTION sq(x int) RETURNS int LANGUAGE sql RETURN CASE WHEN x IS NULL THEN 0 ELSE x * x END;

CREATE RULE log_insert AS ON INSERT TO t DO ALSO (
  INSERT INTO log VALUES (NEW.id, 'insert');
  INSERT INTO log VALUES (NEW.id, 'again');
);

BEGIN;
INSERT INTO t VALUES (1, 'one');
CALL record_it(1);
END;

BEGIN ISOLATION LEVEL SERIALIZABLE;
INSERT INTO t VALUES (2, 'two'); COMMIT;

DO $$
BEGIN
  PERFORM add_one(1);
  IF classify(1) <> 'positive' THEN RAISE EXCEPTION 'bad; classify'; END IF;
END
$$;

CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS '
BEGIN
  NEW.note := coalesce(NEW.note, ''none;'');
  RETURN NEW;
END;';
CREATE TRIGGER t_touch BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();
INSERT INTO t (id) VALUES (3);
SELECT sq(3), classify(-1)
