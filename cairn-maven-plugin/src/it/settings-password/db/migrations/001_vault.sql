-- migrate:up
CREATE TABLE vault (id int);
-- migrate:down
DROP TABLE vault;
