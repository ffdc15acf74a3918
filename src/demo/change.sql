-- The demo's schema change between its two snapshots.
ALTER TABLE customers ADD COLUMN phone TEXT;
CREATE INDEX products_title ON products (title);
DROP VIEW order_totals;
CREATE TABLE "OrderNotes" (id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES orders(id), body BLOB);
