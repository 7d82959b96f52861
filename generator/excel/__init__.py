"""Workbooks: the template builder, filling, and the reader."""
