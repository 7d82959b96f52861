"""How a label path is written in one line: ``三、本年度办理结果·（一）予以公开·总计``.

The Markdown writer joins table row paths with it and the importer names a published
report's cells with it, so both read the same way.
"""

PATH_JOINER = "·"
