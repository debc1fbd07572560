-- E-mail addresses are unique whatever their case.
CREATE UNIQUE INDEX accounts_email_lower_idx ON accounts (lower(email));
