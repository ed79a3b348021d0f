// The e2e suite asks for completions at the end of the last line.
fetch
