"""The application: runs the stages over files, in batches, and writes the results.

Takes paths and options from the CLI; gives the files written (atomically: temporary file, then
rename) or the located errors of each selection. The only layer that writes.
"""
