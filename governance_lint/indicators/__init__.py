"""The five leading indicators, computed from decision records over a window.

``definitions.py`` holds the window, lateness, occurrences, rounding and the five
indicators as one table; ``grouping.py`` says which group a record counts in.
"""
