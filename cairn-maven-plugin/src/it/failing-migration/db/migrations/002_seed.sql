-- the table is misspelt on line 3
INSERT INTO accounts (id) VALUES (1);
INSERT INTO acounts (id) VALUES (2);
