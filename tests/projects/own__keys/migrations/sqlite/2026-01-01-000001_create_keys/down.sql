DROP TABLE loans;
DROP TABLE readers;
DROP TABLE books;
DROP TABLE shelves;
