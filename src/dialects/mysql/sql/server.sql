-- Who and what we are talking to: the version decides the catalog dialect (MariaDB or MySQL),
-- the account decides what information_schema lets it see.
SELECT VERSION() AS version, CURRENT_USER() AS account, CURRENT_ROLE() AS role
