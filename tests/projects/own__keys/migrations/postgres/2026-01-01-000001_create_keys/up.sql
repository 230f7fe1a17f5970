CREATE TABLE shelves (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE books (
  isbn TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  shelf_id BIGINT CONSTRAINT books_on_shelf REFERENCES shelves (id)
);
CREATE TABLE readers (id BIGSERIAL PRIMARY KEY, name TEXT);
CREATE TABLE loans (
  book_isbn TEXT NOT NULL REFERENCES books (isbn),
  reader_id BIGINT NOT NULL REFERENCES readers (id),
  note TEXT,
  PRIMARY KEY (book_isbn, reader_id)
);
