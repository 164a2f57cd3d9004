"""HTTP clients for Tripletex and Telaris: sessions, paging, rate limits, retries and typed errors."""
