defmodule Library.Api do
  use Ash.Api

  resources do
    resource Library.Author
    resource Library.Book
    resource Library.Tag
    resource Library.BookTag
  end
end
