"""The governance format's JSON Schema: validation, and the schema compiled to Python."""
