-- migrate:up
CREATE VIEW customer_totals AS
SELECT c.id, c.email, count(o.id) AS orders, coalesce(sum(o.total_cents), 0) AS total_cents
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id AND o.status <> 'cancelled'
GROUP BY c.id, c.email;

INSERT INTO customers (email, name) VALUES
    ('ada@example.com', 'Ada Lovelace'),
    ('grace@example.com', 'Grace Hopper');

-- migrate:down
DROP VIEW customer_totals;
DELETE FROM customers WHERE email IN ('ada@example.com', 'grace@example.com');
