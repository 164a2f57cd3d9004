"""The four problems users hit (and writes that wait for a person), found by named SQL over the warehouse."""
