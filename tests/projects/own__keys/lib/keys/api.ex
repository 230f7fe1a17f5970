defmodule Keys.Api do
  use Ash.Api

  resources do
    resource Keys.Shelf
    resource Keys.Book
    resource Keys.Reader
    resource Keys.Loan
  end
end
