"""Format readers: turn a file into an `Article` (metadata, body, positions). No policy knowledge.

Entry points: `read_file(fs_path, display_path, max_size)` and `read_bytes(display_path, data)`.
They never raise for bad content: problems become `Diagnostic`s on the returned article.
"""
