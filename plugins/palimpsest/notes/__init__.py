"""Contributors' notes (``<document folder>/annotations.md``): ``read`` parses and validates
the file, ``html`` renders and sanitizes a note's Markdown, ``links`` builds the GitHub editor
links and the dict the note partial renders."""
