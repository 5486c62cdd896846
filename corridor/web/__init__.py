"""The web helpers every app's pages use: who may open a page (``access``),
edit forms that carry their version (``editing``), sanitised Markdown
(``markdown``), the row helpers of long pages (``pages``) and the template
tags every template loads (``{% load corridor %}``).

It sits on the bottom floor, below the domain apps, and imports none of them.
"""
