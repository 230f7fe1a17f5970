-- The shop schema for tests/introspect.rs, made by hand (not by helpdesk), SQLite dialect.
CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email VARCHAR(80) NOT NULL UNIQUE,
  inserted_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE products (
  id UUID PRIMARY KEY NOT NULL,
  title TEXT NOT NULL,
  price NUMERIC NOT NULL
);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  gift_for_id INTEGER REFERENCES customers (id),
  status TEXT NOT NULL DEFAULT 'new',
  placed_at TIMESTAMP
);
CREATE TABLE order_items (
  order_id INTEGER NOT NULL REFERENCES orders (id),
  product_id UUID NOT NULL REFERENCES products (id),
  quantity INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (order_id, product_id)
);
CREATE VIEW big_orders AS
  SELECT o.id AS order_id, o.customer_id AS customer_id, COUNT(*) AS lines
  FROM orders o JOIN order_items i ON i.order_id = o.id
  GROUP BY o.id, o.customer_id HAVING COUNT(*) > 1;
CREATE TABLE notes (body TEXT);
CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY);
