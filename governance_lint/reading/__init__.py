"""Reading: find the files, read each within bounds, cache what parsing gave."""
