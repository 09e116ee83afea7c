"""wicguide: the printed guide of the Hauts-de-Seine collaborative initiatives.

openpyxl parses and writes workbooks with lxml whenever lxml is installed
(pikepdf brings it). wicguide keeps openpyxl on its standard-library path:
its XML is then parsed with defusedxml, and the workbooks it writes (the
inventory template, the test corpus) are the same bytes on every machine.
This must be set before openpyxl is first imported, hence here.
"""

import os

os.environ.setdefault("OPENPYXL_LXML", "False")
