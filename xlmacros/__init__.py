"""Entry points for the Excel buttons (xlwings). The button code arrives with the Excel-add-in issue."""
