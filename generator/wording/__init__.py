"""The report's Chinese, declared once: every sentence shape nianbao writes or reads, with its writer and its parser.

Ground floor after the layout: the layout, readers, checks, renderer and the Excel
add-in all ask here; nothing here imports from them. Modules are imported one by one
(``from generator.wording.fee import ...``) so that ``normal`` can serve the layout itself.
"""
