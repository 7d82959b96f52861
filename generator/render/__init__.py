"""Report documents: one format-neutral structure, writers for docx, html, md, txt and pdf."""
