CREATE TABLE shelves (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE books (
  isbn TEXT PRIMARY KEY NOT NULL,
  title TEXT NOT NULL,
  shelf_id INTEGER CONSTRAINT books_on_shelf REFERENCES shelves (id)
);
CREATE TABLE readers (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE loans (
  book_isbn TEXT NOT NULL REFERENCES books (isbn),
  reader_id INTEGER NOT NULL REFERENCES readers (id),
  note TEXT,
  PRIMARY KEY (book_isbn, reader_id)
);
