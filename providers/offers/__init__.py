"""The offer search at /angebote/ and the offer pages: results are offers, not providers."""
