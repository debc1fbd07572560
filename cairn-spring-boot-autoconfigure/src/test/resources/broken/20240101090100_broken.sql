-- migrate:up
CREATE TABLE broken_things (id int);
INSERT INTO no_such_table VALUES (1);

-- migrate:down
DROP TABLE broken_things;
