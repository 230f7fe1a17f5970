DROP TABLE parts;
DROP TABLE things;
