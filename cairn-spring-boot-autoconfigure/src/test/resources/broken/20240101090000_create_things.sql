-- migrate:up
CREATE TABLE things (id int);

-- migrate:down
DROP TABLE things;
