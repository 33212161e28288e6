"""Ledger import: understanding what the field writes, validating rows, writing in bulk.

`normalise` turns one messy cell into a clean value or a reason; `columns` knows the
headers; `engine` validates a whole file and writes it in one transaction.
"""
