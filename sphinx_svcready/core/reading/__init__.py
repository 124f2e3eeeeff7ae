"""Reading what others wrote: service files with their lines, Backstage catalog files and entity
refs, and any file or JSON document within bounds."""
