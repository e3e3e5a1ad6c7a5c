"""Reading the citizen ID card's chip (ICAO 9303 eMRTD): PACE and BAC, secure messaging, the data
groups and passive authentication. Qt-free; the PC/SC transport (`pyscard`) loads only when a reader is
used, so the rest runs and is tested without a reader.
"""
