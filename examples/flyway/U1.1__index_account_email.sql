DROP INDEX accounts_email_lower_idx;
